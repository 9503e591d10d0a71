package probe;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The smallest WebSocket node on Reactor Netty that does what an idle realtime connection needs: a registry entry, an
 * outbound sink per connection (the node's outbox), connection_established and offline_messages on connect,
 * heartbeat answered. What it holds per idle connection is what Spring WebFlux on Reactor Netty costs.
 */
@SpringBootApplication
public class NettyProbe {

    static final Map<String, Sinks.Many<String>> CONNECTIONS = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        SpringApplication.run(NettyProbe.class, args);
    }

    @Bean
    HandlerMapping webSocketMapping() {
        return new SimpleUrlHandlerMapping(Map.of("/ws", (WebSocketHandler) NettyProbe::handle), -1);
    }

    static reactor.core.publisher.Mono<Void> handle(WebSocketSession session) {
        String id = UUID.randomUUID().toString();
        String token = session.getHandshakeInfo().getUri().getQuery();
        Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();
        CONNECTIONS.put(id, out);
        out.tryEmitNext("{\"type\":\"connection_established\",\"data\":{\"connectionId\":\"" + id + "\",\"t\":"
                + (token == null ? 0 : token.length()) + "},\"timestamp\":\"" + Instant.now() + "\"}");
        out.tryEmitNext("{\"type\":\"offline_messages\",\"data\":{\"messages\":[],\"hasMore\":false,\"part\":1,\"parts\":1}}");
        Flux<WebSocketMessage> sending = out.asFlux().map(session::textMessage);
        reactor.core.publisher.Mono<Void> receiving = session.receive()
                .doOnNext(message -> {
                    if (message.getType() == WebSocketMessage.Type.TEXT && message.getPayloadAsText().contains("heartbeat")) {
                        out.tryEmitNext("{\"type\":\"heartbeat_ack\",\"data\":{}}");
                    }
                })
                .then();
        return reactor.core.publisher.Mono.zip(session.send(sending), receiving)
                .doFinally(signal -> CONNECTIONS.remove(id)).then();
    }
}
