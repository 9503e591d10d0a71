package com.loyalty.chat.realtime.messaging;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param sessionServiceUrl where a user's open session is asked for when a frame names none
 * @param maxContentSize the largest message content, in UTF-8 bytes; larger gets {@code error} 4013
 */
@ConfigurationProperties("chat.realtime.messaging")
record MessagingProperties(
        @DefaultValue("http://localhost:8081") URI sessionServiceUrl,
        @DefaultValue("16KB") DataSize maxContentSize) {
}
