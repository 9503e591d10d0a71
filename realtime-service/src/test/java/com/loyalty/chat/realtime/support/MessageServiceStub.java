package com.loyalty.chat.realtime.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import com.loyalty.chat.contracts.api.OfflineQuestions;
import com.loyalty.chat.contracts.api.Timestamps;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessageStored;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.realtime.support.SessionServiceStub.Session;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A small message-service for the sessions a test {@linkplain SessionServiceStub#register registered} (commands for
 * any other session are left to the test): it stores {@code SendMessage}s and announces them, a repeated
 * {@code (sender, tempMessageId)} with the first message's very event; marks messages read and announces that; moves
 * messages to {@code delivered} on receipts; and answers the offline questions and history calls nodes make,
 * with the caller's token deciding who asks. Each session's messages count 1, 2, 3, … ({@code sequence}), and history items
 * carry that number, as message-service's do. Reading commands starts when the stub is first used.
 */
public final class MessageServiceStub {

    /** A stored message as this stub keeps it; {@code status} moves {@code sent → delivered → read}. */
    public record Stored(MessageStored event, String status) {

        String messageId() {
            return event.messageId();
        }

        Stored withStatus(String newStatus) {
            return new Stored(event, newStatus);
        }
    }

    private static final String USER_PREFIX = "/api/v2/chat/";
    private static final String ADMIN_PREFIX = "/api/v2/admin/chat/";

    private static MessageServiceStub shared;

    private final HttpServer server;
    private final KafkaConsumer<String, String> commands;
    /** Guarded by this; in storage order, which is each session's order. */
    private final List<Stored> messages = new ArrayList<>();
    private final List<JsonNode> receipts = new CopyOnWriteArrayList<>();
    private volatile boolean unavailable;
    /** While set, questions for offline messages wait until it opens (or 30 s pass). */
    private volatile CountDownLatch offlineGate;
    /** How many questions each request for offline messages asked, in the order they came. */
    private final List<Integer> offlineRequests = new CopyOnWriteArrayList<>();

    private MessageServiceStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(USER_PREFIX, exchange -> answer(exchange, SenderType.USER));
        server.createContext(ADMIN_PREFIX, exchange -> answer(exchange, SenderType.ADMIN));
        server.createContext(OfflineQuestions.PATH, this::answerQuestions);
        server.start();
        commands = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = Awaitility.await()
                .until(() -> commands.partitionsFor(Topics.MESSAGE_COMMANDS).stream()
                        .map(info -> new TopicPartition(Topics.MESSAGE_COMMANDS, info.partition()))
                        .toList(), found -> !found.isEmpty());
        commands.assign(partitions);
        commands.seekToEnd(partitions);
        partitions.forEach(commands::position);
        Thread.ofPlatform().daemon().name("message-service-stub").start(this::handleCommands);
    }

    /** Per JVM, like the local stack; it stops with the JVM. */
    public static synchronized MessageServiceStub shared() {
        if (shared == null) {
            try {
                shared = new MessageServiceStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** While unavailable, every HTTP call is answered 503 with 5003; commands are still handled. */
    public void unavailable(boolean down) {
        this.unavailable = down;
    }

    /** Questions for offline messages wait, unanswered, until {@link #answerOfflineQuestions()}. */
    public void holdOfflineQuestions() {
        offlineGate = new CountDownLatch(1);
    }

    public void answerOfflineQuestions() {
        CountDownLatch gate = offlineGate;
        offlineGate = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    /** How many questions each request for offline messages asked, in the order they came, held ones included. */
    public List<Integer> offlineRequests() {
        return List.copyOf(offlineRequests);
    }

    /** The message stored for this sender's temp id, once it is. */
    public MessageStored awaitStored(long senderId, String tempMessageId) {
        return Awaitility.await().until(() -> find(stored -> stored.event().senderId() == senderId
                && tempMessageId.equals(stored.event().tempMessageId())), Optional::isPresent).orElseThrow().event();
    }

    public synchronized String statusOf(String messageId) {
        return messages.stream().filter(stored -> stored.messageId().equals(messageId)).findFirst()
                .map(Stored::status).orElseThrow();
    }

    /** {@code MarkMessagesDelivered} commands seen for this session, as published. */
    public List<JsonNode> receiptsFor(String sessionId) {
        return receipts.stream().filter(receipt -> sessionId.equals(receipt.path("sessionId").asString())).toList();
    }

    private synchronized Optional<Stored> find(Predicate<Stored> matching) {
        return messages.stream().filter(matching).findFirst();
    }

    private void handleCommands() {
        while (true) {
            for (ConsumerRecord<String, String> record : commands.poll(Duration.ofMillis(100))) {
                JsonNode command = Kafka.JSON.readTree(record.value());
                Session session = SessionServiceStub.shared().session(command.path("sessionId").asString());
                if (session != null) {
                    handle(command, session);
                }
            }
        }
    }

    private void handle(JsonNode command, Session session) {
        JsonNode sender = command.path("sender");
        switch (command.path("type").asString()) {
            case "SendMessage" -> Events.publish(store(command, session, sender));
            case "MarkMessagesRead" -> markRead(command, session, sender).ifPresent(Events::publish);
            case "MarkMessagesDelivered" -> {
                markDelivered(command);
                receipts.add(command);
            }
            default -> throw new IllegalStateException("Unknown command " + command);
        }
    }

    private synchronized MessageStored store(JsonNode command, Session session, JsonNode sender) {
        long senderId = sender.path("userId").asLong();
        String tempMessageId = command.path("tempMessageId").asString();
        Optional<Stored> first = messages.stream().filter(stored -> stored.event().senderId() == senderId
                && tempMessageId.equals(stored.event().tempMessageId())).findFirst();
        if (first.isPresent()) {
            return first.get().event();
        }
        SenderType senderType = SenderType.valueOf(sender.path("type").asString().toUpperCase());
        if (senderType == SenderType.ADMIN && session.adminId() == null) {
            SessionServiceStub.shared().assign(session.sessionId(), senderId);
        }
        Session now = SessionServiceStub.shared().session(session.sessionId());
        long sequence = messages.stream().filter(earlier -> earlier.event().sessionId().equals(session.sessionId()))
                .count() + 1;
        MessageStored stored = new MessageStored(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                session.sessionId(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                "msg_" + System.currentTimeMillis() + "_" + UUID.randomUUID().toString().substring(0, 8),
                sequence, senderId, senderType, sender.path("nickname").asString(null), null,
                command.path("content").asString(), MessageType.TEXT, tempMessageId, List.of(), now.userId(),
                now.adminId());
        messages.add(new Stored(stored, "sent"));
        return stored;
    }

    private synchronized Optional<MessagesRead> markRead(JsonNode command, Session session, JsonNode sender) {
        SenderType reader = SenderType.valueOf(sender.path("type").asString().toUpperCase());
        List<String> named = command.path("messageIds").valueStream().map(JsonNode::asString).toList();
        boolean all = command.path("allMessages").asBoolean();
        List<String> read = new ArrayList<>();
        messages.replaceAll(stored -> {
            MessageStored event = stored.event();
            if (event.sessionId().equals(session.sessionId()) && event.senderType() != reader
                    && !"read".equals(stored.status()) && (all || named.contains(event.messageId()))) {
                read.add(event.messageId());
                return stored.withStatus("read");
            }
            return stored;
        });
        Session now = SessionServiceStub.shared().session(session.sessionId());
        return read.isEmpty() ? Optional.empty() : Optional.of(new MessagesRead(MessageEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(), session.sessionId(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                sender.path("userId").asLong(), reader, read, now.userId(), now.adminId()));
    }

    private synchronized void markDelivered(JsonNode command) {
        List<String> delivered = command.path("messageIds").valueStream().map(JsonNode::asString).toList();
        messages.replaceAll(stored -> "sent".equals(stored.status()) && delivered.contains(stored.messageId())
                ? stored.withStatus("delivered") : stored);
    }

    private void answer(HttpExchange exchange, SenderType side) throws IOException {
        try (exchange) {
            if (unavailable) {
                Stubs.answer(exchange, 503, 5003, null);
                return;
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                Stubs.answer(exchange, 401, 4001, null);
                return;
            }
            long caller = SessionServiceStub.subjectOf(authorization.substring("Bearer ".length()));
            String path = exchange.getRequestURI().getPath()
                    .substring((side == SenderType.ADMIN ? ADMIN_PREFIX : USER_PREFIX).length());
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.startsWith("sessions/") && path.endsWith("/messages")) {
                history(exchange, caller, side, path.substring("sessions/".length(), path.length() - "/messages".length()),
                        query);
            } else {
                Stubs.answer(exchange, 404, 4004, null);
            }
        }
    }

    private void awaitOfflineGate() {
        CountDownLatch gate = offlineGate;
        if (gate != null) {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A node's offline questions, each answered for the caller its token names: what is still only {@code sent} to
     * the caller's side.
     */
    private void answerQuestions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (unavailable) {
                Stubs.answer(exchange, 503, 5003, null);
                return;
            }
            JsonNode request = Kafka.JSON.readTree(exchange.getRequestBody());
            offlineRequests.add(request.path("questions").size());
            awaitOfflineGate();
            int limit = request.path("limit").asInt();
            List<Map<String, Object>> answers = request.path("questions").valueStream()
                    .map(question -> offline(SessionServiceStub.subjectOf(question.path("token").asString()),
                            SenderType.valueOf(question.path("side").asString().toUpperCase()), limit))
                    .toList();
            Stubs.answer(exchange, 200, 0, Map.of("answers", answers));
        }
    }

    /** What is still only {@code sent} to the caller's side: a user's own sessions, an admin's and unassigned ones. */
    private Map<String, Object> offline(long caller, SenderType side, int limit) {
        List<Stored> missed;
        synchronized (this) {
            missed = messages.stream()
                    .filter(stored -> "sent".equals(stored.status()) && stored.event().senderType() != side)
                    .filter(stored -> {
                        Session session = SessionServiceStub.shared().session(stored.event().sessionId());
                        return side == SenderType.USER ? session.userId() == caller
                                : session.adminId() == null || session.adminId() == caller;
                    })
                    .toList();
        }
        return Map.of("messages", missed.stream().limit(limit).map(MessageServiceStub::historyItem).toList(),
                "hasMore", missed.size() > limit);
    }

    private void history(HttpExchange exchange, long caller, SenderType side, String sessionId,
                         Map<String, String> query) throws IOException {
        Session session = SessionServiceStub.shared().session(sessionId);
        if (session == null || side == SenderType.USER && session.userId() != caller) {
            Stubs.answer(exchange, 404, 4004, null);
            return;
        }
        if (query.containsKey("page") == query.containsKey("after")) {
            Stubs.answer(exchange, 400, 4000, null);
            return;
        }
        int pageSize = Integer.parseInt(query.getOrDefault("pageSize", "20"));
        List<Stored> all;
        synchronized (this) {
            all = messages.stream().filter(stored -> stored.event().sessionId().equals(sessionId)).toList();
        }
        int from;
        if (query.containsKey("after")) {
            int after = indexOf(all, query.get("after"));
            if (after < 0) {
                Stubs.answer(exchange, 404, 4004, null);
                return;
            }
            from = after + 1;
        } else {
            from = Math.max(0, all.size() - pageSize);
        }
        int to = Math.min(all.size(), from + pageSize);
        Stubs.answer(exchange, 200, 0, Map.of(
                "messages", all.subList(from, to).stream().map(MessageServiceStub::historyItem).toList(),
                "totalCount", all.size(),
                "pagination", Map.of("currentPage", 1, "pageSize", pageSize, "totalPages", 1,
                        "hasMore", to < all.size())));
    }

    private static int indexOf(List<Stored> messages, String messageId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).messageId().equals(messageId)) {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Object> historyItem(Stored stored) {
        MessageStored event = stored.event();
        Map<String, Object> sender = new HashMap<>();
        sender.put("userId", event.senderId());
        sender.put("nickname", event.senderNickname());
        sender.put("avatar", null);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("messageId", event.messageId());
        item.put("sessionId", event.sessionId());
        item.put("sequence", event.sequence());
        item.put("senderId", event.senderId());
        item.put("senderType", event.senderType().wireName());
        item.put("content", event.content());
        item.put("messageType", event.messageType().wireName());
        item.put("status", stored.status());
        item.put("createdAt", Timestamps.format(event.occurredAt()));
        item.put("attachments", List.of());
        item.put("sender", sender);
        return item;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return parameters;
    }
}
