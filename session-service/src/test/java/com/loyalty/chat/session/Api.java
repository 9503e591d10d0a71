package com.loyalty.chat.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls against the running service, answering the status and the parsed envelope. */
public final class Api {

    public static final String DEV_CODE = "123456";
    public static final String ADMIN_MOBILE = "13612227930";
    public static final long ADMIN_ID = 31;
    public static final String PLAIN_USER_MOBILE = "13800000001";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestTestClient rest;

    public Api(RestTestClient rest) {
        this.rest = rest;
    }

    /** A mobile nobody has used yet, so each test owns its account. */
    public static String newMobile() {
        return "139" + "%08d".formatted(ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public Reply get(String path, String token) {
        return reply(rest.get().uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).exchange().returnResult(String.class));
    }

    public Reply post(String path, String token, Object body) {
        return reply(rest.post().uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult(String.class));
    }

    public Reply put(String path, String token, Object body) {
        return reply(rest.put().uri(path).headers(headers -> {
            if (token != null) {
                headers.setBearerAuth(token);
            }
        }).contentType(MediaType.APPLICATION_JSON).body(body).exchange().returnResult(String.class));
    }

    public LoggedIn login(String mobile) {
        Reply reply = post("/api/v2/auth/login", null, Map.of("mobile", mobile, "verificationCode", DEV_CODE));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return new LoggedIn(reply.data().get("token").asString(), reply.data().get("user").get("userId").asLong());
    }

    public LoggedIn loginNewUser() {
        return login(newMobile());
    }

    private static Reply reply(EntityExchangeResult<String> result) {
        String body = result.getResponseBody();
        return new Reply(result.getStatus().value(), body == null ? null : JSON.readTree(body));
    }

    public record Reply(int status, JsonNode body) {

        public int code() {
            return body.get("code").asInt();
        }

        public String msg() {
            return body.get("msg").asString();
        }

        public JsonNode data() {
            return body.get("data");
        }
    }

    public record LoggedIn(String token, long userId) {
    }
}
