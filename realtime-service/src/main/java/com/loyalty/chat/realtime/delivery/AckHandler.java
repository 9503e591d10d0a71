package com.loyalty.chat.realtime.delivery;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.protocol.ClientFrame;

import tools.jackson.databind.JsonNode;

/**
 * {@code ack} with {@code {sessionId, sequence}}: the client has every message of the session up to that sequence.
 * Those of the other side this connection was handed and had not acknowledged are receipted as delivered to the
 * connection's account; nothing is answered. Optional: a client that never acks has its messages receipted by
 * nobody but {@code mark_read}, and gets them again in {@code offline_messages} when it reconnects.
 */
@Component
class AckHandler implements ClientFrameHandler {

    private final DeliveryLedger ledger;
    private final DeliveryReceipts receipts;

    AckHandler(DeliveryLedger ledger, DeliveryReceipts receipts) {
        this.ledger = ledger;
        this.receipts = receipts;
    }

    @Override
    public Set<String> types() {
        return Set.of("ack");
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        String sessionId = frame.data().path("sessionId").asString("");
        if (sessionId.isBlank()) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "sessionId is required", null);
        }
        JsonNode sequence = frame.data().path("sequence");
        if (!sequence.isIntegralNumber() || !sequence.canConvertToLong() || sequence.longValue() < 1) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST,
                    "sequence must be a whole number of at least 1", null);
        }
        receipts.delivered(connection, sessionId, ledger.acknowledge(connection, sessionId, sequence.longValue()));
    }
}
