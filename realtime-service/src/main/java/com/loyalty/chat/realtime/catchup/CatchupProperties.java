package com.loyalty.chat.realtime.catchup;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param offlineLimit at most this many missed messages in {@code offline_messages}; the rest through history
 * @param syncPageSize at most this many messages in one {@code sync_messages}; message-service allows up to 50
 * @param frameSize the JSON of the messages in one catch-up frame ({@code offline_messages} part,
 *                  {@code sync_messages}) stays within this, bar a single larger message which goes alone; well
 *                  below {@code chat.realtime.connection.send-buffer-size}, so a backlog of large messages never
 *                  counts as a slow client
 * @param offlineConcurrency at most this many requests for {@code offline_messages} to message-service at once; a
 *                           storm of reconnecting clients waits its turn (holding its live events back) rather than
 *                           flooding message-service, and its questions gather meanwhile into batches
 * @param offlineBatchSize at most this many connections' questions in one request; message-service takes up to
 *                         {@code chat.message.history.max-offline-questions} (100)
 */
@ConfigurationProperties("chat.realtime.catchup")
record CatchupProperties(
        @DefaultValue("100") int offlineLimit,
        @DefaultValue("50") int syncPageSize,
        @DefaultValue("64KB") DataSize frameSize,
        @DefaultValue("4") int offlineConcurrency,
        @DefaultValue("50") int offlineBatchSize) {
}
