package com.loyalty.chat.realtime.catchup;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.delivery.DeliveryLedger;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.peers.Peers;
import com.loyalty.chat.realtime.peers.ServiceClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks message-service, with the client's token and on the side the connection acts on, for a session's messages
 * ({@code sync}; what a connection missed is asked by {@link OfflineQuestionBatches}), and hands catch-up messages
 * over to a connection. Messages come back as history items and are passed on unchanged. Every call throws a
 * {@link com.loyalty.chat.contracts.api.ChatException} with message-service's refusal, or 5003.
 */
@Component
@EnableConfigurationProperties(CatchupProperties.class)
class MissedMessages {

    private static final String SENT = "sent";

    /** Messages, oldest first, and whether more follow them. */
    record Page(List<JsonNode> messages, boolean hasMore) {

        static final Page NOTHING = new Page(List.of(), false);
    }

    private final ServiceClient messageService;
    private final DeliveryLedger ledger;
    private final JsonMapper jsonMapper;
    private final CatchupProperties properties;

    MissedMessages(Peers peers, DeliveryLedger ledger, JsonMapper jsonMapper, CatchupProperties properties) {
        this.messageService = peers.messageService();
        this.ledger = ledger;
        this.jsonMapper = jsonMapper;
        this.properties = properties;
    }

    /** The session's messages after {@code afterMessageId}, or its newest page when that is null. */
    Page after(ConnectionIdentity client, String sessionId, String afterMessageId) {
        JsonNode data = messageService.get(client.token(), uri -> {
            uri.path(client.admin()
                    ? "/api/v2/admin/chat/sessions/{sessionId}/messages"
                    : "/api/v2/chat/sessions/{sessionId}/messages");
            if (afterMessageId == null) {
                uri.queryParam("page", 1);
            } else {
                uri.queryParam("after", afterMessageId);
            }
            return uri.queryParam("pageSize", properties.syncPageSize()).build(sessionId);
        });
        return new Page(data.path("messages").valueStream().toList(),
                data.path("pagination").path("hasMore").asBoolean(false));
    }

    /**
     * Cuts messages, in their order, into runs whose JSON fits a catch-up frame; a message too large for one goes
     * alone. No messages make one empty run, so there is always a first.
     */
    List<List<JsonNode>> inFrames(List<JsonNode> messages) {
        long frameSize = properties.frameSize().toBytes();
        List<List<JsonNode>> frames = new ArrayList<>();
        List<JsonNode> frame = new ArrayList<>();
        long size = 0;
        for (JsonNode message : messages) {
            long messageSize = jsonMapper.writeValueAsBytes(message).length + 1L;
            if (!frame.isEmpty() && size + messageSize > frameSize) {
                frames.add(frame);
                frame = new ArrayList<>();
                size = 0;
            }
            frame.add(message);
            size += messageSize;
        }
        frames.add(frame);
        return frames;
    }

    /**
     * Records what a catch-up frame hands the connection: its messages count as pushed, so a late
     * {@code new_message} of one is not pushed again, and the other side's still {@code sent} ones wait for the
     * client's {@code ack}. A message without {@code sequence} (from a message-service that does not give it yet)
     * can be neither: it stays {@code sent} until read.
     */
    void handOver(Connection connection, List<JsonNode> messages) {
        String ownSide = connection.role().wireName();
        for (JsonNode message : messages) {
            long sequence = message.path("sequence").asLong(0);
            if (sequence < 1) {
                continue;
            }
            String sessionId = message.path("sessionId").asString("");
            ledger.push(connection, sessionId, sequence);
            if (SENT.equals(message.path("status").asString(""))
                    && !ownSide.equals(message.path("senderType").asString(""))) {
                ledger.awaitAck(connection, sessionId, sequence, message.path("messageId").asString(""));
            }
        }
    }
}
