package com.loyalty.chat.chassis.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import reactor.core.publisher.Mono;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final AtomicInteger decoded = new AtomicInteger();
    /** Accepts every token that starts with "good", expiring in an hour ("good-stale": a minute ago). */
    private final JwtDecoder decoder = token -> {
        decoded.incrementAndGet();
        if (!token.startsWith("good")) {
            throw new BadJwtException("bad signature");
        }
        return jwt(token, token.startsWith("good-stale") ? NOW.minusSeconds(60) : NOW.plusSeconds(3600));
    };

    @Test
    void aTokenAcceptedOnceIsAnsweredAgainWithoutTheDecoder() {
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified(10, Duration.ofMinutes(5)));

        Jwt first = remembering.decode("good-1");
        Jwt second = remembering.decode("good-1");

        assertThat(second).isSameAs(first);
        assertThat(decoded).hasValue(1);
    }

    @Test
    void tokensThatDifferInOneCharacterAreCheckedEachByTheDecoder() {
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified(10, Duration.ofMinutes(5)));

        remembering.decode("good-a");
        remembering.decode("good-A");

        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedByTheDecoderEveryTime() {
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified(10, Duration.ofMinutes(5)));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> remembering.decode("forged")).isInstanceOf(BadJwtException.class);
        }
        assertThat(decoded).hasValue(2);
    }

    @Test
    void anExpiredTokenGoesBackToTheDecoder() {
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified(10, Duration.ofMinutes(5)));

        remembering.decode("good-stale");
        remembering.decode("good-stale");

        assertThat(decoded).hasValue(2);
    }

    @Test
    void aTokenOlderThanTheMaximumAgeGoesBackToTheDecoder() {
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified(10, Duration.ZERO));

        remembering.decode("good-1");
        remembering.decode("good-1");

        assertThat(decoded).hasValue(2);
    }

    @Test
    void aFullMemoryStartsAgainEmpty() {
        VerifiedTokens verified = verified(2, Duration.ofMinutes(5));
        RememberingJwtDecoder remembering = new RememberingJwtDecoder(decoder, verified);

        remembering.decode("good-1");
        remembering.decode("good-2");
        remembering.decode("good-3");

        assertThat(verified.find("good-1")).isNull();
        assertThat(verified.find("good-3")).isNotNull();
    }

    @Test
    void theReactiveDecoderRemembersOnlyWhatItsDecoderAccepted() {
        RememberingReactiveJwtDecoder remembering = new RememberingReactiveJwtDecoder(
                token -> Mono.fromCallable(() -> decoder.decode(token)), verified(10, Duration.ofMinutes(5)));

        remembering.decode("good-1").block();
        remembering.decode("good-1").block();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> remembering.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }

        assertThat(decoded).hasValue(3);
    }

    private static VerifiedTokens verified(int maxEntries, Duration maxAge) {
        return new VerifiedTokens(maxEntries, maxAge, CLOCK);
    }

    private static Jwt jwt(String token, Instant expiry) {
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("1")
                .issuedAt(expiry.minusSeconds(7200)).expiresAt(expiry).build();
    }
}
