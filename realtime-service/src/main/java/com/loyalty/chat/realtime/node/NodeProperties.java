package com.loyalty.chat.realtime.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param id the node id; blank means host name and port. */
@ConfigurationProperties("chat.realtime.node")
record NodeProperties(@DefaultValue("") String id) {
}
