package com.loyalty.chat.realtime.catchup;

import java.util.List;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.ConnectionGreeting;
import com.loyalty.chat.realtime.protocol.Dialect;

import tools.jackson.databind.JsonNode;

/**
 * {@code offline_messages} right after {@code connection_established}, even when empty, so a client can tell "you
 * missed nothing" from "not told yet". When message-service cannot say, the client hears {@code error} 5003 (with
 * {@code requestType: offline_messages}) in its place, keeps the connection, and can {@code sync}.
 *
 * <p>What was missed may be far larger than a frame (a hundred messages of up to 16 KB): it goes as several
 * {@code offline_messages}, parts {@code 1..parts}, each within the catch-up frame size, and each only once the
 * socket has taken the one before. A backlog thus never fills the connection's send buffer, and nothing routed to the
 * client meanwhile overtakes it.
 */
@Component
class OfflineReplay implements ConnectionGreeting {

    static final String REQUEST_TYPE = "offline_messages";

    private final OfflineQuestionBatches questions;
    private final MissedMessages missed;

    OfflineReplay(OfflineQuestionBatches questions, MissedMessages missed) {
        this.questions = questions;
        this.missed = missed;
    }

    @Override
    public void greet(Connection connection) {
        Dialect dialect = connection.dialect();
        MissedMessages.Page page;
        try {
            page = questions.ask(connection);
        } catch (ChatException e) {
            connection.greet(dialect.error(e.errorCode().code(), e.getMessage(), REQUEST_TYPE, null, null));
            return;
        }
        if (connection.closing()) {
            // Gone while waiting its turn: nobody to tell.
            return;
        }
        List<List<JsonNode>> parts = missed.inFrames(page.messages());
        for (int part = 1; part <= parts.size(); part++) {
            List<JsonNode> messages = parts.get(part - 1);
            missed.handOver(connection, messages);
            // hasMore (message-service holds more than it gave) on the last part only, once all of it has come.
            boolean hasMore = part == parts.size() && page.hasMore();
            if (!connection.greetAndWait(dialect.offlineMessages(messages, hasMore, part, parts.size()))) {
                return;
            }
        }
    }
}
