package com.loyalty.chat.realtime.peers;

import java.net.URI;
import java.util.Arrays;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriBuilder;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service's REST API, called with a client's bearer token so the service decides for that client exactly as it
 * would for the client's own REST call. Answers are the contract's envelope: this returns its {@code data}, and turns
 * a refusal into a {@link ChatException} with the service's own code (4000, 4004, 4009, …; 4002 when the token is no
 * longer accepted). Anything else (unreachable, 5xx, an answer that is no envelope) is 5003: the client may retry.
 */
public final class ServiceClient {

    private static final Logger log = LoggerFactory.getLogger(ServiceClient.class);

    private final String name;
    private final RestClient client;
    private final JsonMapper jsonMapper;

    ServiceClient(String name, RestClient client, JsonMapper jsonMapper) {
        this.name = name;
        this.client = client;
        this.jsonMapper = jsonMapper;
    }

    /** @return the envelope's {@code data}, never null */
    public JsonNode get(String token, Function<UriBuilder, URI> uri) {
        return data(client.get().uri(uri).headers(headers -> headers.setBearerAuth(token)));
    }

    /** @return the envelope's {@code data}, never null */
    public JsonNode post(String token, String path) {
        return data(client.post().uri(path).headers(headers -> headers.setBearerAuth(token)));
    }

    /**
     * A request that carries its clients' tokens in {@code body} rather than as its own bearer token.
     *
     * @return the envelope's {@code data}, never null
     */
    public JsonNode post(String path, Object body) {
        return data(client.post().uri(path).body(body));
    }

    /**
     * The refusal a {@code {code, msg}} pair stands for, as a whole answer's would be: the service's own code when it
     * is a client's fault, 5003 otherwise.
     */
    public static ChatException refusal(int code, String msg) {
        ErrorCode known = known(code);
        if (known == null) {
            return new ChatException(ErrorCode.UNAVAILABLE);
        }
        return new ChatException(known, msg.isBlank() ? known.defaultMessage() : msg);
    }

    private static @Nullable ErrorCode known(int code) {
        return Arrays.stream(ErrorCode.values())
                .filter(candidate -> candidate.code() == code && candidate.httpStatus() < 500 && code != 0)
                .findFirst()
                .orElse(null);
    }

    private JsonNode data(RestClient.RequestHeadersSpec<?> request) {
        JsonNode envelope;
        try {
            envelope = request.retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            throw refusal(e);
        } catch (RestClientException e) {
            log.warn("{} unreachable: {}", name, e.toString());
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
        JsonNode data = envelope == null ? null : envelope.get("data");
        if (data == null || data.isNull()) {
            log.warn("{} answered without data", name);
            throw new ChatException(ErrorCode.UNAVAILABLE);
        }
        return data;
    }

    private ChatException refusal(RestClientResponseException e) {
        if (e.getStatusCode().is4xxClientError()) {
            JsonNode envelope = readQuietly(e.getResponseBodyAsString());
            ErrorCode known = known(envelope.path("code").asInt(0));
            if (known == null && e.getStatusCode().isSameCodeAs(HttpStatus.UNAUTHORIZED)) {
                known = ErrorCode.TOKEN_INVALID;
            }
            if (known != null) {
                String msg = envelope.path("msg").asString("");
                return new ChatException(known, msg.isBlank() ? known.defaultMessage() : msg);
            }
        }
        if (e.getStatusCode().is4xxClientError()) {
            // Refused before any controller (the container's own 400 page for a path it cannot parse): the request
            // itself is at fault, and retrying it cannot help.
            log.warn("{} refused the request with {} and no envelope", name, e.getStatusCode());
            return new ChatException(e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                    ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_REQUEST);
        }
        log.warn("{} answered {}", name, e.getStatusCode());
        return new ChatException(ErrorCode.UNAVAILABLE);
    }

    private JsonNode readQuietly(String body) {
        try {
            JsonNode node = jsonMapper.readTree(body);
            return node == null ? jsonMapper.missingNode() : node;
        } catch (JacksonException e) {
            return jsonMapper.missingNode();
        }
    }
}
