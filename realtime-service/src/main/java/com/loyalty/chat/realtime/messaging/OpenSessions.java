package com.loyalty.chat.realtime.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;

/**
 * Asks session-service for a user's open session, creating it if there is none. The call carries the user's own
 * token, so session-service decides for that user exactly as it would for the mobile client's REST call.
 */
@Component
class OpenSessions {

    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);

    private final RestClient sessionService;

    OpenSessions(RestClient.Builder restClients, MessagingProperties properties) {
        this.sessionService = restClients.baseUrl(properties.sessionServiceUrl().toString()).build();
    }

    /** @throws ChatException 4002 when session-service no longer accepts the token, else 5003 */
    String openSessionOf(ConnectionIdentity user) {
        OpenSessionResponse response;
        try {
            response = sessionService.post()
                    .uri("/api/v2/chat/sessions")
                    .headers(headers -> headers.setBearerAuth(user.token()))
                    .retrieve()
                    .body(OpenSessionResponse.class);
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                throw new ChatException(ErrorCode.TOKEN_INVALID);
            }
            log.warn("session-service answered {} for the open session of user {}", e.getStatusCode(), user.userId());
            throw new ChatException(ErrorCode.UNAVAILABLE);
        } catch (RestClientException e) {
            log.warn("session-service unreachable for the open session of user {}: {}", user.userId(), e.toString());
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
        if (response == null || response.data() == null || response.data().sessionId() == null) {
            log.warn("session-service answered no session id for user {}", user.userId());
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
        return response.data().sessionId();
    }

    record OpenSessionResponse(Data data) {

        record Data(String sessionId) {
        }
    }
}
