package com.loyalty.chat.realtime.catchup;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.protocol.ClientFrame;

import tools.jackson.databind.JsonNode;

/**
 * {@code sync} with {@code {sessionId, afterMessageId}}: the session's messages after that one, oldest first, at most
 * a page ({@code hasMore} says whether to ask again from the last one); without {@code afterMessageId}, the newest
 * page. A page is cut short to fit one catch-up frame, with {@code hasMore}, so large messages never make an answer
 * the connection cannot take. Message-service decides who may read the session, as for the client's own history
 * call.
 */
@Component
class SyncHandler implements ClientFrameHandler {

    private final MissedMessages missed;

    SyncHandler(MissedMessages missed) {
        this.missed = missed;
    }

    @Override
    public Set<String> types() {
        return Set.of("sync");
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        String sessionId = frame.data().path("sessionId").asString("");
        if (sessionId.isBlank()) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "sessionId is required", null);
        }
        String afterMessageId = frame.data().path("afterMessageId").asString("");
        MissedMessages.Page page = missed.after(connection.identity(), sessionId,
                afterMessageId.isBlank() ? null : afterMessageId);
        List<JsonNode> fitting = missed.inFrames(page.messages()).getFirst();
        missed.handOver(connection, fitting);
        connection.send(connection.dialect().syncMessages(sessionId, fitting,
                page.hasMore() || fitting.size() < page.messages().size(), frame.requestId()));
    }
}
