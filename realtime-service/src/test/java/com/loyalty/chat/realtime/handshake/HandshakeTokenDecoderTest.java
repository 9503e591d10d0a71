package com.loyalty.chat.realtime.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.loyalty.chat.realtime.support.Kafka;
import com.sun.net.httpserver.HttpServer;

/**
 * The handshake's own token check against Boot's decoder, built as Boot builds it from a JWK set URI: on every token
 * of a corpus of well-formed, malformed, forged and mutated tokens both answer alike, and the tokens session-service
 * issues are accepted without Boot's decoder.
 */
class HandshakeTokenDecoderTest {

    private static final String KID = "chat-key-1";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static KeyPair issuer;
    private static KeyPair stranger;
    private static HttpServer jwkSet;
    private static final AtomicInteger jwkSetFetches = new AtomicInteger();
    private static NimbusReactiveJwtDecoder boot;
    private static HandshakeTokenDecoder decoder;

    @BeforeAll
    static void serveTheJwkSet() throws Exception {
        issuer = rsaKeyPair();
        stranger = rsaKeyPair();
        byte[] body = new JWKSet(new RSAKey.Builder((RSAPublicKey) issuer.getPublic()).keyID(KID).build())
                .toString().getBytes(StandardCharsets.UTF_8);
        jwkSet = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwkSet.createContext("/.well-known/jwks.json", exchange -> {
            jwkSetFetches.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwkSet.start();
        URI uri = URI.create("http://127.0.0.1:" + jwkSet.getAddress().getPort() + "/.well-known/jwks.json");

        var subjectIsUserId = new HandshakeSecurityConfiguration().subjectIsUserId();
        boot = NimbusReactiveJwtDecoder.withJwkSetUri(uri.toString()).build();
        boot.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(subjectIsUserId)));
        decoder = new HandshakeTokenDecoder(boot, new JwkSetKeys(uri), List.of(subjectIsUserId));
        String usual = signed(header(), claims());
        await().atMost(Duration.ofSeconds(30)).until(() -> decoder.accepted(usual) != null);
    }

    @AfterAll
    static void stopTheJwkSet() {
        jwkSet.stop(0);
    }

    @Test
    void tokensAsSessionServiceIssuesThemAreAcceptedWithoutBootsDecoder() {
        Map<String, Object> admin = claims();
        admin.put("is_admin", true);
        Map<String, Object> withoutType = header();
        withoutType.remove("typ");

        Map<String, String> usual = Map.of(
                "a user's", signed(header(), claims()),
                "an admin's", signed(header(), admin),
                "one without typ", signed(withoutType, claims()),
                "one expired within the allowed clock skew",
                signed(header(), withTimes(Instant.now().minusSeconds(3600), Instant.now().minusSeconds(30))));

        usual.forEach((name, token) -> {
            assertThat(decoder.accepted(token)).as(name).isNotNull();
            assertThat(sameAnswer(token)).as(name).isTrue();
        });
    }

    @Test
    void everyTokenOfTheCorpusIsAnsweredAsBootsDecoderAnswersIt() {
        for (Map.Entry<String, String> entry : corpus().entrySet()) {
            assertThat(sameAnswer(entry.getValue())).as(entry.getKey()).isTrue();
        }
    }

    @Test
    void noMutationOfAUsualTokenIsAcceptedThatBootsDecoderRefuses() {
        String usual = signed(header(), claims());
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ é";
        Random random = new Random(20261128);
        for (int i = 0; i < 400; i++) {
            char[] chars = usual.toCharArray();
            int at = random.nextInt(chars.length);
            chars[at] = alphabet.charAt(random.nextInt(alphabet.length()));
            String mutated = new String(chars);
            assertThat(sameAnswer(mutated)).as("the usual token with '%s' at %d", chars[at], at).isTrue();
        }
    }

    @Test
    void aKidTheSetDoesNotHoldIsLeftToBootsDecoderAndFetchesTheSetAtMostOncePerPause() {
        Map<String, Object> unknownKid = header();
        unknownKid.put("kid", "chat-key-2");
        String token = signed(unknownKid, claims());
        int before = jwkSetFetches.get();

        for (int i = 0; i < 50; i++) {
            assertThat(decoder.accepted(token)).isNull();
        }

        assertThat(jwkSetFetches.get() - before).isLessThanOrEqualTo(1);
        assertThat(sameAnswer(token)).isTrue();
    }

    private static Map<String, String> corpus() {
        Map<String, String> corpus = new LinkedHashMap<>();
        long now = Instant.now().getEpochSecond();
        Instant issued = Instant.now();
        corpus.put("expired", signed(header(), withTimes(issued.minusSeconds(7200), issued.minusSeconds(3600))));
        corpus.put("expiring before issued", signed(header(), withTimes(issued, issued.minusSeconds(10))));
        corpus.put("not yet valid", signed(header(), with(claims(), "nbf", now + 3600)));
        corpus.put("subject not a user id", signed(header(), with(claims(), "sub", "abc")));
        corpus.put("no subject", signed(header(), without(claims(), "sub")));
        corpus.put("numeric subject", signed(header(), with(claims(), "sub", 42)));
        corpus.put("expiry as a string", signed(header(), with(claims(), "exp", Long.toString(now + 3600))));
        corpus.put("expiry with a fraction", signed(header(), with(claims(), "exp", now + 3600.5)));
        corpus.put("no expiry", signed(header(), without(claims(), "exp")));
        corpus.put("a null claim", signed(header(), with(claims(), "avatar", null)));
        corpus.put("an audience", signed(header(), with(claims(), "aud", "chat")));
        corpus.put("an issuer", signed(header(), with(claims(), "iss", "https://chat.example.com")));
        corpus.put("a confirmation claim", signed(header(), with(claims(), "cnf", Map.of("x5t#S256", "abc"))));
        corpus.put("type at+jwt", signed(with(header(), "typ", "at+jwt"), claims()));
        corpus.put("a critical header", signed(with(header(), "crit", List.of("exp")), claims()));
        corpus.put("a jku header", signed(with(header(), "jku", "http://127.0.0.1:9/keys"), claims()));
        corpus.put("no kid", signed(without(header(), "kid"), claims()));
        corpus.put("alg RS512", signedWith("SHA512withRSA", issuer.getPrivate(), with(header(), "alg", "RS512"),
                claims()));
        corpus.put("alg rs256", signed(with(header(), "alg", "rs256"), claims()));
        corpus.put("signed by another key", signedWith("SHA256withRSA", stranger.getPrivate(), header(), claims()));
        corpus.put("alg HS256 keyed with the public key", hmacWithThePublicKey());
        corpus.put("alg none", encode(with(header(), "alg", "none")) + "." + encode(claims()) + ".");
        String usual = signed(header(), claims());
        String[] parts = usual.split("\\.");
        corpus.put("claims swapped after signing",
                parts[0] + "." + encode(with(claims(), "sub", "2")) + "." + parts[2]);
        corpus.put("duplicate subject", sign("SHA256withRSA", issuer.getPrivate(), encode(header()) + "."
                + base64url(json(claims()).replace("{", "{\"sub\":\"2\","))));
        corpus.put("claims an array", sign("SHA256withRSA", issuer.getPrivate(), encode(header()) + "."
                + base64url("[1,2]")));
        corpus.put("claims not JSON", sign("SHA256withRSA", issuer.getPrivate(), encode(header()) + "."
                + base64url("sub=1")));
        corpus.put("header not JSON", sign("SHA256withRSA", issuer.getPrivate(), base64url("RS256") + "."
                + encode(claims())));
        corpus.put("padded signature", usual + "==");
        corpus.put("two parts", parts[0] + "." + parts[1]);
        corpus.put("four parts", usual + ".");
        corpus.put("empty", "");
        corpus.put("dots", "..");
        corpus.put("not ASCII", usual.replace(parts[1], parts[1] + "é"));
        return corpus;
    }

    // --- answers ---

    /** Both accept with the same token value, headers and claims, or both refuse with the same kind of error. */
    private static boolean sameAnswer(String token) {
        Object ours = answer(() -> decoder.decode(token).block());
        Object boots = answer(() -> boot.decode(token).block());
        if (ours instanceof Jwt mine && boots instanceof Jwt theirs) {
            return mine.getTokenValue().equals(theirs.getTokenValue()) && mine.getHeaders().equals(theirs.getHeaders())
                    && mine.getClaims().equals(theirs.getClaims());
        }
        return ours.equals(boots);
    }

    /** The Jwt, or the class of the failure. */
    private static Object answer(Supplier<Jwt> decode) {
        try {
            return decode.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    // --- tokens ---

    private static Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("kid", KID);
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        return header;
    }

    private static Map<String, Object> claims() {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "1");
        claims.put("mobile", "13600000001");
        claims.put("nickname", "食客");
        claims.put("is_admin", false);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(3600).getEpochSecond());
        return claims;
    }

    private static Map<String, Object> withTimes(Instant issued, Instant expiry) {
        return with(with(claims(), "iat", issued.getEpochSecond()), "exp", expiry.getEpochSecond());
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        map.put(key, value);
        return map;
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        map.remove(key);
        return map;
    }

    private static String signed(Map<String, Object> header, Map<String, Object> claims) {
        return signedWith("SHA256withRSA", issuer.getPrivate(), header, claims);
    }

    private static String signedWith(String algorithm, PrivateKey key, Map<String, Object> header,
                                     Map<String, Object> claims) {
        return sign(algorithm, key, encode(header) + "." + encode(claims));
    }

    private static String sign(String algorithm, PrivateKey key, String signingInput) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmacWithThePublicKey() {
        try {
            String signingInput = encode(with(header(), "alg", "HS256")) + "." + encode(claims());
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(issuer.getPublic().getEncoded(), "HmacSHA256"));
            return signingInput + "." + BASE64URL.encodeToString(
                    hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(Map<String, Object> json) {
        return base64url(json(json));
    }

    private static String json(Map<String, Object> json) {
        return Kafka.JSON.writeValueAsString(json);
    }

    private static String base64url(String text) {
        return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
