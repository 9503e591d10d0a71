package probe;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The Netty probe's twin on Tomcat (Spring's servlet WebSocket support), the same work per connection. */
@SpringBootApplication
public class TomcatProbe {

    static final Map<String, WebSocketSession> CONNECTIONS = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        SpringApplication.run(TomcatProbe.class, args);
    }

    @Configuration
    @EnableWebSocket
    static class Endpoints implements WebSocketConfigurer {
        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new TextWebSocketHandler() {
                @Override
                public void afterConnectionEstablished(WebSocketSession session) throws IOException {
                    String id = UUID.randomUUID().toString();
                    session.getAttributes().put("id", id);
                    CONNECTIONS.put(id, session);
                    session.sendMessage(new TextMessage("{\"type\":\"connection_established\",\"data\":{\"connectionId\":\""
                            + id + "\"},\"timestamp\":\"" + Instant.now() + "\"}"));
                    session.sendMessage(new TextMessage(
                            "{\"type\":\"offline_messages\",\"data\":{\"messages\":[],\"hasMore\":false,\"part\":1,\"parts\":1}}"));
                }

                @Override
                protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
                    if (message.getPayload().contains("heartbeat")) {
                        session.sendMessage(new TextMessage("{\"type\":\"heartbeat_ack\",\"data\":{}}"));
                    }
                }

                @Override
                public void afterConnectionClosed(WebSocketSession session, org.springframework.web.socket.CloseStatus status) {
                    CONNECTIONS.remove((String) session.getAttributes().get("id"));
                }
            }, "/ws").setAllowedOriginPatterns("*");
        }
    }
}
