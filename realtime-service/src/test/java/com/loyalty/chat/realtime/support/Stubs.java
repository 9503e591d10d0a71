package com.loyalty.chat.realtime.support;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import com.loyalty.chat.contracts.api.Timestamps;
import com.sun.net.httpserver.HttpExchange;

/**
 * Points a node at the stub services through the environment variables its configuration reads, so every node of a
 * test run asks the same stubs. Use next to {@code LocalStackInitializer}.
 */
public final class Stubs implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("stubs", Map.of(
                "CHAT_SESSION_SERVICE_URL", SessionServiceStub.shared().url(),
                "CHAT_MESSAGE_SERVICE_URL", MessageServiceStub.shared().url())));
    }

    /** Answers in the contract's envelope; {@code data} is null on error, as the contract says. */
    static void answer(HttpExchange exchange, int status, int code, Object data) throws IOException {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", code == 0);
        envelope.put("code", code);
        envelope.put("msg", code == 0 ? "ok" : "stub refused with " + code);
        envelope.put("data", data);
        envelope.put("timestamp", Timestamps.format(Instant.now()));
        byte[] body = Kafka.JSON.writeValueAsBytes(envelope);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
