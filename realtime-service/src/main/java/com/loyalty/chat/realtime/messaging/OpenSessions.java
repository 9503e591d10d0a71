package com.loyalty.chat.realtime.messaging;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.peers.Peers;
import com.loyalty.chat.realtime.peers.ServiceClient;

/** Asks session-service for a user's open session, creating it if there is none, as the mobile client's REST call. */
@Component
class OpenSessions {

    private final ServiceClient sessionService;

    OpenSessions(Peers peers) {
        this.sessionService = peers.sessionService();
    }

    /** @throws ChatException with session-service's refusal, else 5003 */
    String openSessionOf(ConnectionIdentity user) {
        String sessionId = sessionService.post(user.token(), "/api/v2/chat/sessions").path("sessionId").asString("");
        if (sessionId.isBlank()) {
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
        return sessionId;
    }
}
