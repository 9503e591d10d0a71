package com.loyalty.chat.realtime.sessions;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param directorySize how many sessions' participants the node keeps; the least used go first */
@ConfigurationProperties("chat.realtime.sessions")
record SessionsProperties(@DefaultValue("100000") long directorySize) {
}
