package com.loyalty.chat.chassis.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The tokens a decoder accepted lately, by their exact text. A client sends the same token with every request and
 * every reconnection for as long as it holds it, and each check costs an RS256 verification and Nimbus's parsing: a
 * gateway and the service behind it checked every REST call twice, and a storm of reconnecting clients checked each
 * token again at the gateway, the node and message-service.
 *
 * <p>A remembered token is answered as the decoder answered it only while the decoder's answer could not have
 * changed: its claims are immutable, the validators are timestamps and claim checks, and so only time matters. An
 * entry is forgotten once the token expires (the decoder decides then, within its clock skew) and after
 * {@code maxAge}, which bounds how long a token signed by a key withdrawn from the JWK set still passes; Spring's own
 * JWK set cache keeps a key for as long. Refusals are never remembered. When {@code maxEntries} are held the memory
 * starts again empty: simple, bounded, and each token is checked once more at worst.
 */
public final class VerifiedTokens {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long maxAgeNanos;
    private final Clock clock;

    public VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.clock = clock;
    }

    /** The token as the decoder accepted it, if it did lately and that answer still holds. */
    public @Nullable Jwt find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        Instant expiry = entry.jwt().getExpiresAt();
        if (System.nanoTime() - entry.storedAt() >= maxAgeNanos
                || expiry == null || !clock.instant().isBefore(expiry)) {
            entries.remove(token, entry);
            return null;
        }
        return entry.jwt();
    }

    /** Remembers a token the decoder accepted. */
    public void remember(Jwt jwt) {
        if (jwt.getExpiresAt() == null) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(jwt.getTokenValue(), new Entry(jwt, System.nanoTime()));
    }

    private record Entry(Jwt jwt, long storedAt) {
    }
}
