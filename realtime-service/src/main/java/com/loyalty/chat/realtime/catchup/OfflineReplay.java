package com.loyalty.chat.realtime.catchup;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionGreeting;
import com.loyalty.chat.realtime.protocol.Protocol;

/**
 * {@code offline_messages} right after {@code connection_established}, even when empty, so a client can tell "you
 * missed nothing" from "not told yet". When message-service cannot say, the client hears {@code error} 5003 (with
 * {@code requestType: offline_messages}) in its place, keeps the connection, and can {@code sync}.
 */
@Component
class OfflineReplay implements ConnectionGreeting {

    static final String REQUEST_TYPE = "offline_messages";

    private final MissedMessages missed;

    OfflineReplay(MissedMessages missed) {
        this.missed = missed;
    }

    @Override
    public void greet(Connection connection) {
        Protocol protocol = connection.protocol();
        MissedMessages.Page page;
        try {
            page = missed.offline(connection.identity());
        } catch (ChatException e) {
            connection.greet(protocol.error(e.errorCode().code(), e.getMessage(), REQUEST_TYPE, null, null), null);
            return;
        }
        connection.greet(protocol.offlineMessages(page.messages(), page.hasMore()),
                missed.receiptsFor(connection, page));
    }
}
