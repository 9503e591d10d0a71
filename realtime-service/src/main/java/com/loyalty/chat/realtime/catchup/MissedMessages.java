package com.loyalty.chat.realtime.catchup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.delivery.DeliveryReceipts;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.peers.Peers;
import com.loyalty.chat.realtime.peers.ServiceClient;

import tools.jackson.databind.JsonNode;

/**
 * Asks message-service, with the client's token and on the side the connection acts on, what the client missed.
 * Messages come back as history items and are passed on unchanged. Every call throws a
 * {@link com.loyalty.chat.contracts.api.ChatException} with message-service's refusal, or 5003.
 */
@Component
@EnableConfigurationProperties(CatchupProperties.class)
class MissedMessages {

    private static final String SENT = "sent";

    /** Messages, oldest first, and whether more follow them. */
    record Page(List<JsonNode> messages, boolean hasMore) {
    }

    private final ServiceClient messageService;
    private final DeliveryReceipts receipts;
    private final CatchupProperties properties;

    MissedMessages(Peers peers, DeliveryReceipts receipts, CatchupProperties properties) {
        this.messageService = peers.messageService();
        this.receipts = receipts;
        this.properties = properties;
    }

    /** What reached none of the client's connections while it had none open. */
    Page offline(ConnectionIdentity client) {
        JsonNode data = messageService.get(client.token(), uri -> uri
                .path(client.admin() ? "/api/v2/admin/chat/offline-messages" : "/api/v2/chat/offline-messages")
                .queryParam("limit", properties.offlineLimit())
                .build());
        return new Page(data.path("messages").valueStream().toList(), data.path("hasMore").asBoolean(false));
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
     * Receipts for the messages of the page the connection has taken: those of the other side of their session that
     * are still only {@code sent}.
     */
    Runnable receiptsFor(Connection connection, Page page) {
        String ownSide = connection.role().wireName();
        Map<String, List<String>> undelivered = page.messages().stream()
                .filter(message -> SENT.equals(message.path("status").asString(""))
                        && !ownSide.equals(message.path("senderType").asString("")))
                .collect(Collectors.groupingBy(message -> message.path("sessionId").asString(""), LinkedHashMap::new,
                        Collectors.mapping(message -> message.path("messageId").asString(""), Collectors.toList())));
        return () -> undelivered.forEach((sessionId, messageIds) -> receipts.handedOver(connection, sessionId,
                messageIds));
    }
}
