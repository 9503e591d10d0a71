package com.loyalty.chat.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.realtime.NodeTest;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.support.Events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docs/asyncapi.yaml against the node's code: the client frame types the handlers take, and every frame each
 * dialect's {@link Dialect} sends, as the codec writes it, with the same field names, no more and no fewer.
 */
class AsyncApiDocumentTest extends NodeTest {

    /** Surefire runs in the module's folder. */
    private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");
    private static final String REQUEST_ID = "r1";
    private static final String SESSION = Events.newSessionId();
    private static final UserProfile USER = new UserProfile(7, "用户", "u.png", "13800000007");
    private static final UserProfile ADMIN = new UserProfile(31, "管理员用户", "a.png", "13612227930");

    /** Every frame-making method of {@link Dialect}, with arguments that fill every field. */
    private static final Map<String, Function<Dialect, List<ServerFrame>>> FRAMES = new LinkedHashMap<>();

    static {
        FRAMES.put("connectionEstablished", dialect -> List.of(
                dialect.connectionEstablished("c1", 7, false, NODE_A, Duration.ofSeconds(90))));
        FRAMES.put("heartbeatAck", dialect -> List.of(dialect.heartbeatAck(REQUEST_ID)));
        FRAMES.put("pong", dialect -> List.of(dialect.pong(REQUEST_ID)));
        FRAMES.put("error", dialect -> List.of(dialect.error(4000, "bad", "send_message", "t1", REQUEST_ID)));
        FRAMES.put("messageSent", dialect -> List.of(dialect.messageSent(userMessage(), REQUEST_ID)));
        // A user's message reaches an admin differently on /chat; everything else is new_message on both.
        FRAMES.put("newMessage", dialect -> List.of(dialect.newMessage(userMessage(), SenderType.ADMIN),
                dialect.newMessage(userMessage(), SenderType.USER)));
        FRAMES.put("messageRejected", dialect -> List.of(dialect.messageRejected(
                Events.rejected(SESSION, 7, SenderType.USER, "t1", 4009, "closed"), REQUEST_ID)));
        FRAMES.put("newSession", dialect -> List.of(dialect.newSession(Events.opened(SESSION, USER))));
        FRAMES.put("sessionStatus", dialect -> List.of(dialect.sessionStatus(
                Events.statusChanged(SESSION, 7, SessionStatus.WAITING, SessionStatus.ASSIGNED, ADMIN))));
        FRAMES.put("messagesRead", dialect -> List.of(dialect.messagesRead(new MessageEvent.MessagesRead(
                MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), SESSION, Instant.now(), 31,
                SenderType.ADMIN, List.of("msg_1_00000000"), 7, 31L))));
        FRAMES.put("userTyping", dialect -> List.of(dialect.userTyping(
                Events.typing(SESSION, 7, SenderType.USER, true, 7, 31L))));
        FRAMES.put("offlineMessages", dialect -> List.of(dialect.offlineMessages(List.of(), false, 1, 1)));
        FRAMES.put("syncMessages", dialect -> List.of(dialect.syncMessages(SESSION, List.of(), false,
                REQUEST_ID)));
    }

    private static JsonNode document;

    @Autowired
    List<Dialect> dialects;

    @Autowired
    List<ClientFrameHandler> handlers;

    @Autowired
    FrameCodec codec;

    @Autowired
    JsonMapper json;

    @BeforeAll
    static void readTheDocument() throws IOException {
        document = new YAMLMapper().readTree(Files.readString(DOCUMENT));
    }

    @Test
    void everyFrameMakingMethodOfTheProtocolIsExercisedHere() {
        Set<String> methods = Arrays.stream(Dialect.class.getMethods())
                .filter(method -> method.getReturnType() == ServerFrame.class)
                .map(Method::getName)
                .collect(Collectors.toSet());

        assertThat(FRAMES.keySet()).containsExactlyInAnyOrderElementsOf(methods);
    }

    @Test
    void eachDialectsChannelListsExactlyTheClientFramesTheHandlersTake() {
        Set<String> handled = handlers.stream().flatMap(handler -> handler.types().stream())
                .collect(Collectors.toCollection(TreeSet::new));

        for (Dialect dialect : dialects) {
            assertThat(messagesOf(dialect.path(), "publish")).as(dialect.path())
                    .containsExactlyInAnyOrderElementsOf(handled);
        }
    }

    @Test
    void eachDialectsChannelListsExactlyTheServerFramesItSends() {
        assertThat(dialects).extracting(Dialect::path).containsExactlyInAnyOrder("/ws", "/chat");
        for (Dialect dialect : dialects) {
            Set<String> sent = framesOf(dialect).keySet();

            assertThat(messagesOf(dialect.path(), "subscribe")).as(dialect.path())
                    .containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void everyServerFrameHasTheDocumentedFieldNames() {
        for (Dialect dialect : dialects) {
            framesOf(dialect).forEach((type, frame) -> {
                JsonNode envelope = resolve(document.at("/components/schemas/ServerFrame"));
                Set<String> documentedEnvelope = new TreeSet<>(envelope.path("properties").propertyNames());
                Set<String> written = new TreeSet<>(frame.propertyNames());
                written.add("requestId");
                assertThat(written).as("%s %s envelope", dialect.path(), type).isEqualTo(documentedEnvelope);

                JsonNode data = resolve(messagePayload(type).path("allOf").get(1).path("properties").path("data"));
                assertSameFields(dialect.path() + " " + type + ".data", data, frame.path("data"));
            });
        }
    }

    @Test
    void everyDocumentedMessageIsUsedByAChannel() {
        Set<String> used = new HashSet<>();
        for (String channel : List.of("/ws", "/chat")) {
            used.addAll(messagesOf(channel, "publish"));
            used.addAll(messagesOf(channel, "subscribe"));
        }

        assertThat(document.at("/components/messages").propertyNames()).containsExactlyInAnyOrderElementsOf(used);
    }

    /** Field names of a written object against its schema's properties, and so on into nested objects. */
    private void assertSameFields(String where, JsonNode schema, JsonNode written) {
        assertThat(written.isObject()).as(where + " is an object").isTrue();
        assertThat(new TreeSet<>(written.propertyNames())).as(where)
                .isEqualTo(new TreeSet<>(schema.path("properties").propertyNames()));
        for (String field : written.propertyNames()) {
            JsonNode nested = resolve(schema.path("properties").path(field));
            if (written.get(field).isObject() && nested.has("properties")) {
                assertSameFields(where + "." + field, nested, written.get(field));
            }
        }
    }

    /** The frame type → the frame as the codec writes it, of every frame this dialect makes. */
    private Map<String, JsonNode> framesOf(Dialect dialect) {
        Map<String, JsonNode> frames = new LinkedHashMap<>();
        FRAMES.values().forEach(make -> make.apply(dialect).forEach(frame -> {
            JsonNode written = json.readTree(codec.encode(frame).payload());
            frames.put(written.path("type").asString(), written);
        }));
        return frames;
    }

    /** The frame types (message names) a channel lists for an operation ({@code publish}: client to server). */
    private static Set<String> messagesOf(String channel, String operation) {
        JsonNode oneOf = document.path("channels").path(channel).path(operation).path("message").path("oneOf");
        assertThat(oneOf.isArray()).as(channel + " " + operation).isTrue();
        return oneOf.valueStream().map(reference -> resolve(reference).path("name").asString())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode messagePayload(String type) {
        JsonNode message = document.at("/components/messages/" + type);
        assertThat(message.isMissingNode()).as("message " + type + " is documented").isFalse();
        return resolve(message.path("payload"));
    }

    private static JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(document.at(node.get("$ref").asString().substring(1))) : node;
    }

    private static com.loyalty.chat.contracts.events.MessageEvent.MessageStored userMessage() {
        return Events.stored(SESSION, 7, SenderType.USER, "用户", "你好", "t1", 7, 31L);
    }
}
