package com.loyalty.chat.e2e;

import static com.loyalty.chat.e2e.AuthorizationMatrixIT.Fixture.CLOSED;
import static com.loyalty.chat.e2e.AuthorizationMatrixIT.Fixture.HELD;
import static com.loyalty.chat.e2e.AuthorizationMatrixIT.Fixture.NONE;
import static com.loyalty.chat.e2e.AuthorizationMatrixIT.Fixture.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.ChatStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, through the gateway: every REST endpoint of the contract and the WebSocket handshake, for each
 * kind of caller, from ONE table. Every route the gateway configures must have a row, so a new endpoint cannot arrive
 * without saying who may call it.
 */
class AuthorizationMatrixIT {

    /** The admin paths' prefix placeholder: each such row stands for the canonical and both compatibility prefixes. */
    private static final String ADMIN = "{admin}";
    private static final List<String> ADMIN_PREFIXES = List.of("/api/v2/admin/chat", "/admin/chat", "/api/admin/chat");
    /** Replaced by the row's fixture session. */
    private static final String SESSION = "{session}";
    /** Replaced by a new mobile on every call: send-code allows one code per mobile and minute. */
    private static final String MOBILE = "{mobile}";

    private static final Expect OK = new Expect(200, 0);
    private static final Expect WS_OK = new Expect(101, 0);
    private static final Expect E4001 = new Expect(401, 4001);
    private static final Expect E4002 = new Expect(401, 4002);
    private static final Expect E4003 = new Expect(403, 4003);
    private static final Expect E4004 = new Expect(404, 4004);
    /** No such caller for this row: "another user" only means something for a user's own resources. */
    private static final Expect NA = null;

    private static final long SECOND_ADMIN_ID = 33;

    private static final String LOGIN = "{\"mobile\":\"" + MOBILE + "\",\"verificationCode\":\"123456\"}";
    private static final String SEND_CODE = "{\"mobile\":\"" + MOBILE + "\"}";
    private static final String TEXT = "{\"content\":\"谁能发这条？\",\"messageType\":\"text\"}";
    private static final String RATING = "{\"score\":5}";
    private static final String ONLINE = "{\"status\":\"online\"}";
    private static final String TRANSFER = "{\"toAdminId\":" + SECOND_ADMIN_ID + "}";
    private static final String DAILY = "?from=2025-08-01&to=2025-08-07";

    /**
     * The table. Callers: "none" sends no token; "bad" is four callers, an expired token, a forged signature,
     * {@code alg} HS256 (keyed with the issuer's public key, the classic algorithm confusion) and {@code alg} none,
     * each carrying the claims of the caller the row lets in; "user" is a plain user who owns the fixture's session;
     * "other" is another plain user; "admin" is the seeded admin (also a user). Rows run in this order, so those that
     * connect an admin console (transfer, handshakes) come last: an online admin is given waiting sessions, which a
     * later claim row would then find taken.
     */
    private static final List<Row> TABLE = List.of(
        //  method  path                                        body       fixture none   bad    user   other  admin
        // DEFECT (gateway): a token presented to login or send-code is checked although neither needs one, so a client
        // still sending its expired token cannot log in again (401/4002). session-service itself ignores it.
        row("POST", "/api/v2/auth/send-code",                   SEND_CODE, NONE,   OK,    OK,    OK,    NA,    OK),
        row("POST", "/api/v2/auth/login",                       LOGIN,     NONE,   OK,    OK,    OK,    NA,    OK),
        row("GET",  "/api/v2/auth/me",                          null,      NONE,   E4001, E4002, OK,    NA,    OK),

        // On user paths an admin is the user they also are, so someone else's session is 4004 to them too.
        row("POST", "/api/v2/chat/sessions",                    "{}",      NONE,   E4001, E4002, OK,    NA,    OK),
        row("GET",  "/api/v2/chat/sessions",                    null,      NONE,   E4001, E4002, OK,    NA,    OK),
        // Not in the contract's table, but served to the session's owner.
        row("GET",  "/api/v2/chat/sessions/{session}",          null,      OPEN,   E4001, E4002, OK,    E4004, E4004),
        row("GET",  "/api/v2/chat/sessions/{session}/messages", null,      OPEN,   E4001, E4002, OK,    E4004, E4004),
        row("POST", "/api/v2/chat/sessions/{session}/messages", TEXT,      OPEN,   E4001, E4002, OK,    E4004, E4004),
        row("POST", "/api/v2/chat/sessions/{session}/rating",   RATING,    CLOSED, E4001, E4002, OK,    E4004, E4004),
        row("POST", "/api/v2/chat/sessions/{session}/close",    "{}",      OPEN,   E4001, E4002, OK,    E4004, E4004),

        row("GET",  "{admin}/sessions",                         null,      NONE,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/sessions/{session}",               null,      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/sessions/{session}/messages",      null,      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("POST", "{admin}/sessions/{session}/messages",      TEXT,      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("POST", "{admin}/sessions/{session}/claim",         "{}",      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("POST", "{admin}/sessions/{session}/close",         "{}",      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("POST", "{admin}/sessions/{session}/read",          "{}",      OPEN,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/stats/today",                      null,      NONE,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/stats/daily" + DAILY,              null,      NONE,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/admins",                           null,      NONE,   E4001, E4002, E4003, NA,    OK),
        row("PUT",  "{admin}/admins/me/status",                 ONLINE,    NONE,   E4001, E4002, E4003, NA,    OK),
        row("GET",  "{admin}/operation-logs",                   null,      NONE,   E4001, E4002, E4003, NA,    OK),
        row("POST", "{admin}/sessions/{session}/transfer",      TRANSFER,  HELD,   E4001, E4002, E4003, NA,    OK),

        row("WS",   "/ws",                                      null,      NONE,   E4001, E4002, WS_OK, NA,    WS_OK),
        row("WS",   "/ws?type=admin",                           null,      NONE,   E4001, E4002, E4003, NA,    WS_OK),
        row("WS",   "/chat",                                    null,      NONE,   E4001, E4002, WS_OK, NA,    WS_OK),
        row("WS",   "/chat?type=admin",                         null,      NONE,   E4001, E4002, E4003, NA,    WS_OK));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String gateway = SystemUnderTest.gatewayUrl();
    private final ChatStack stack = SystemUnderTest.stack();
    private final Api api = new Api(gateway);

    @Test
    void everyEndpointAndTheHandshakeAnswerEachCallerAsTheTableSays() {
        Callers callers = new Callers();
        Map<Long, String> adminStatusesBefore = Settled.value(() -> adminStatuses(callers.admin));
        SoftAssertions softly = new SoftAssertions();
        try {
            for (Row row : expanded()) {
                try (Prepared fixture = prepare(row.fixture(), callers)) {
                    for (Cell cell : row.cells()) {
                        Api.Answer answer = call(row, fixture, callers.token(cell.caller(), row));
                        softly.assertThat(cell.expect().isMetBy(answer))
                                .as("%s %s as %s: expected %s but was %d %s", row.method(), row.path(), cell.caller(),
                                        cell.expect(), answer.status(), answer.body())
                                .isTrue();
                    }
                }
            }
        } finally {
            // The admin connections the rows opened are gone again before the next test meets the admins.
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> adminStatuses(callers.admin), adminStatusesBefore::equals);
            } catch (ConditionTimeoutException e) {
                softly.fail("The admins' statuses did not return to %s: %s", adminStatusesBefore, e.getMessage());
            }
        }
        softly.assertAll();
    }

    @Test
    void everyRouteTheGatewayConfiguresHasARow() {
        List<Route> routes = gatewayRoutes();
        List<String> rowPaths = expanded().stream().map(row -> routedPath(row.path())).toList();

        List<String> uncovered = new ArrayList<>();
        for (Route route : routes) {
            for (String pattern : route.patterns()) {
                boolean covered = rowPaths.stream().anyMatch(path -> matches(pattern, path)
                        && routes.stream().filter(first -> first.matches(path)).findFirst().orElseThrow() == route);
                if (!covered) {
                    uncovered.add(route.id() + " " + pattern);
                }
            }
        }

        assertThat(routes).extracting(Route::id).isNotEmpty();
        assertThat(uncovered).as("gateway routes without a row in the authorization table").isEmpty();
    }

    // --- the table's vocabulary ---

    enum Caller { NO_TOKEN, EXPIRED, FORGED_SIGNATURE, ALG_HS256, ALG_NONE, USER, OTHER_USER, ADMIN }

    enum Fixture {
        NONE,
        /** A new waiting session of the user's, unassigned. */
        OPEN,
        /** A new session of the user's, which they closed. */
        CLOSED,
        /** A new session of the user's that the admin claimed, and a second admin connected to hand it to. */
        HELD
    }

    /**
     * An expected answer: a status and the envelope's code. {@link #OK} stands for any 2xx with code 0,
     * {@link #WS_OK} for an accepted handshake whose first frame greets the caller.
     */
    record Expect(int status, int code) {

        boolean isMetBy(Api.Answer answer) {
            if (this == WS_OK) {
                return answer.status() == 101 && "connection_established".equals(answer.body().path("type").asString());
            }
            boolean statusMatches = this == OK ? answer.status() / 100 == 2 : answer.status() == status;
            return statusMatches && answer.body().path("code").asInt(-1) == code
                    && answer.body().path("success").asBoolean() == (code == 0);
        }

        @Override
        public String toString() {
            return this == OK ? "2xx/0" : this == WS_OK ? "101 and connection_established" : status + "/" + code;
        }
    }

    record Cell(Caller caller, Expect expect) {
    }

    record Row(String method, String path, String body, Fixture fixture, Expect noToken, Expect badToken, Expect user,
            Expect other, Expect admin) {

        /** Refusals first: they must change nothing, and the callers let in then find the fixture as prepared. */
        List<Cell> cells() {
            Map<Caller, Expect> byCaller = new EnumMap<>(Caller.class);
            byCaller.put(Caller.NO_TOKEN, noToken);
            for (Caller bad : List.of(Caller.EXPIRED, Caller.FORGED_SIGNATURE, Caller.ALG_HS256, Caller.ALG_NONE)) {
                byCaller.put(bad, badToken);
            }
            byCaller.put(Caller.USER, user);
            byCaller.put(Caller.OTHER_USER, other);
            byCaller.put(Caller.ADMIN, admin);
            return byCaller.entrySet().stream()
                    .filter(entry -> entry.getValue() != NA)
                    .map(entry -> new Cell(entry.getKey(), entry.getValue()))
                    .sorted(Comparator.comparing(cell -> cell.expect() == OK || cell.expect() == WS_OK))
                    .toList();
        }

        /** Whose claims a bad token carries: the caller the row lets in, so only the token's flaw can refuse it. */
        boolean badTokensActAsAdmin() {
            return user != OK && user != WS_OK;
        }

        Row withPath(String concretePath) {
            return new Row(method, concretePath, body, fixture, noToken, badToken, user, other, admin);
        }
    }

    private static Row row(String method, String path, String body, Fixture fixture, Expect noToken, Expect badToken,
            Expect user, Expect other, Expect admin) {
        return new Row(method, path, body, fixture, noToken, badToken, user, other, admin);
    }

    private static List<Row> expanded() {
        return TABLE.stream()
                .flatMap(row -> row.path().startsWith(ADMIN)
                        ? ADMIN_PREFIXES.stream().map(prefix -> row.withPath(row.path().replace(ADMIN, prefix)))
                        : Stream.of(row))
                .toList();
    }

    // --- calling ---

    private Api.Answer call(Row row, Prepared fixture, String token) {
        String path = fixture.sessionId() == null ? row.path() : row.path().replace(SESSION, fixture.sessionId());
        // The matrix is many calls by few callers; a 429 from the rate limiter says nothing about who may call what.
        return await(row.method() + " " + path).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .until(() -> send(row, path, token), answer -> answer.status() != 429);
    }

    private Api.Answer send(Row row, String path, String token) {
        String body = row.body() == null ? null : row.body().replace(MOBILE, IdentityIT.freshMobile());
        return switch (row.method()) {
            // A WebSocket handshake: the token goes in ?token=, as a browser must send it.
            case "WS" -> api.handshake(token == null ? path
                    : path + (path.contains("?") ? "&" : "?") + "token=" + token);
            case "GET" -> api.get(path, token);
            case "POST" -> api.post(path, token, body);
            case "PUT" -> api.put(path, token, body);
            default -> throw new IllegalArgumentException("No such method in the table: " + row.method());
        };
    }

    // --- callers and their tokens ---

    /** Real accounts, logged in once; bad tokens are made from their real tokens' claims. */
    private final class Callers {

        final String user = api.login(IdentityIT.freshMobile());
        final String other = api.login(IdentityIT.freshMobile());
        final String admin = api.login("13612227930");
        final String secondAdmin = api.login("13612227931");
        private final Map<String, String> badTokens = new LinkedHashMap<>();

        String token(Caller caller, Row row) {
            String impersonated = row.badTokensActAsAdmin() ? admin : user;
            return switch (caller) {
                case NO_TOKEN -> null;
                case USER -> user;
                case OTHER_USER -> other;
                case ADMIN -> admin;
                case EXPIRED, FORGED_SIGNATURE, ALG_HS256, ALG_NONE ->
                        badTokens.computeIfAbsent(caller + impersonated, key -> badToken(caller, impersonated));
            };
        }

        private String badToken(Caller caller, String real) {
            String[] parts = real.split("\\.");
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return switch (caller) {
                case EXPIRED -> stack.tokens().issueExpired(claims.path("sub").asLong(),
                        claims.path("mobile").asString(), claims.path("nickname").asString(),
                        claims.path("is_admin").asBoolean());
                case FORGED_SIGNATURE -> withSignature(parts[0] + "." + parts[1], rsaSignatureByAnotherKey());
                case ALG_HS256 -> {
                    String signingInput = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\""
                            + header.path("kid").asString() + "\"}") + "." + parts[1];
                    yield withSignature(signingInput, hmacKeyedWithTheIssuersPublicKey());
                }
                case ALG_NONE -> base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
                default -> throw new IllegalArgumentException(caller + " has a real token");
            };
        }
    }

    private static String withSignature(String signingInput, Signer signer) {
        byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @FunctionalInterface
    private interface Signer {
        byte[] sign(byte[] input);
    }

    private static Signer rsaSignatureByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return input -> {
                try {
                    Signature rs256 = Signature.getInstance("SHA256withRSA");
                    rs256.initSign(stranger);
                    rs256.update(input);
                    return rs256.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC with the issuer's public key (X.509 DER) as the secret, which a verifier trusting the header would use. */
    private Signer hmacKeyedWithTheIssuersPublicKey() {
        try {
            JsonNode jwk = JSON.readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(stack.serviceUrl("session-service").resolve("/.well-known/jwks.json"))
                            .build(), HttpResponse.BodyHandlers.ofString()).body()).path("keys").get(0);
            byte[] publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asString())),
                    new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asString())))).getEncoded();
            return input -> {
                try {
                    Mac hs256 = Mac.getInstance("HmacSHA256");
                    hs256.init(new SecretKeySpec(publicKey, "HmacSHA256"));
                    return hs256.doFinal(input);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // --- fixtures ---

    /** What a row's calls act on; closing it ends what it opened. */
    private record Prepared(String sessionId, TestSocket secondAdminConsole) implements AutoCloseable {

        @Override
        public void close() {
            if (secondAdminConsole != null) {
                secondAdminConsole.close();
            }
        }
    }

    private Prepared prepare(Fixture fixture, Callers callers) {
        if (fixture == NONE) {
            return new Prepared(null, null);
        }
        String sessionId = newSessionOf(callers.user);
        switch (fixture) {
            case CLOSED -> assertThat(api.post("/api/v2/chat/sessions/" + sessionId + "/close", callers.user, "{}")
                    .status()).isEqualTo(200);
            case HELD -> {
                assertThat(api.post("/api/v2/admin/chat/sessions/" + sessionId + "/claim", callers.admin, "{}")
                        .status()).isEqualTo(200);
                // The previous row's console has gone, so "online" below is this console's.
                await().atMost(Duration.ofSeconds(30)).until(() -> adminStatuses(callers.admin).get(SECOND_ADMIN_ID),
                        "offline"::equals);
                TestSocket console = TestSocket.connect(gateway, "/ws", callers.secondAdmin);
                console.awaitFrame("connection_established");
                await().atMost(Duration.ofSeconds(30)).until(() -> adminStatuses(callers.admin).get(SECOND_ADMIN_ID),
                        "online"::equals);
                return new Prepared(sessionId, console);
            }
            default -> {
                // OPEN: the new session as it is.
            }
        }
        return new Prepared(sessionId, null);
    }

    /** A diner has one open session; the one a previous row left is closed first (a row may have closed it). */
    private String newSessionOf(String user) {
        Api.Answer current = api.post("/api/v2/chat/sessions", user, "{}");
        if (current.status() == 200) {
            api.post("/api/v2/chat/sessions/" + current.data().path("sessionId").asString() + "/close", user, "{}");
            current = api.post("/api/v2/chat/sessions", user, "{}");
        }
        assertThat(current.status()).as(current.body().toString()).isEqualTo(201);
        return current.data().path("sessionId").asString();
    }

    private Map<Long, String> adminStatuses(String adminToken) {
        Map<Long, String> statuses = new LinkedHashMap<>();
        api.get("/api/v2/admin/chat/admins", adminToken).data().path("admins")
                .forEach(admin -> statuses.put(admin.path("adminId").asLong(), admin.path("status").asString()));
        return statuses;
    }

    // --- the gateway's routes ---

    record Route(String id, List<String> patterns) {

        boolean matches(String path) {
            return patterns.stream().anyMatch(pattern -> AuthorizationMatrixIT.matches(pattern, path));
        }
    }

    /** The routes of the gateway's own configuration, in the order it tries them. */
    @SuppressWarnings("unchecked")
    private static List<Route> gatewayRoutes() {
        Path projectRoot = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        Path configuration = projectRoot.resolve("gateway-service/src/main/resources/application.yml");
        try (InputStream in = Files.newInputStream(configuration)) {
            Map<String, Object> yaml = new Yaml().load(in);
            List<Map<String, Object>> routes = (List<Map<String, Object>>) dig(yaml,
                    "spring", "cloud", "gateway", "server", "webflux", "routes");
            return routes.stream().map(route -> new Route((String) route.get("id"),
                    ((List<String>) route.get("predicates")).stream()
                            .filter(predicate -> predicate.startsWith("Path="))
                            .flatMap(predicate -> Stream.of(predicate.substring("Path=".length()).split(",")))
                            .map(String::strip)
                            .toList()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + configuration, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> yaml, String... keys) {
        Object node = yaml;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    /** A row's path as routing sees it: a real-looking session id and no query. */
    private static String routedPath(String path) {
        return path.replace(SESSION, "session_1700000000000_0123abcd").replaceFirst("\\?.*$", "");
    }

    /** Spring's path patterns as the gateway's routes use them: {@code *} within a segment, a trailing {@code /**}. */
    static boolean matches(String pattern, String path) {
        boolean anyTail = pattern.endsWith("/**");
        String segments = anyTail ? pattern.substring(0, pattern.length() - "/**".length()) : pattern;
        String regex = Stream.of(segments.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining("[^/]*"));
        return Pattern.matches(regex + (anyTail ? "(/.*)?" : ""), path);
    }
}
