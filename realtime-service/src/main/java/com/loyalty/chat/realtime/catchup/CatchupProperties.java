package com.loyalty.chat.realtime.catchup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offlineLimit at most this many missed messages in {@code offline_messages}; the rest through history
 * @param syncPageSize at most this many messages in one {@code sync_messages}; message-service allows up to 50
 */
@ConfigurationProperties("chat.realtime.catchup")
record CatchupProperties(
        @DefaultValue("100") int offlineLimit,
        @DefaultValue("50") int syncPageSize) {
}
