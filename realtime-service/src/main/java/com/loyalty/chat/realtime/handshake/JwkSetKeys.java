package com.loyalty.chat.realtime.handshake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RS256 verification keys of the JWK set that Boot's decoder trusts, as Java keys, by {@code kid}. Like Boot's
 * decoder it fetches the set again only when asked for a key it does not hold, and at most once per
 * {@link #REFETCH_PAUSE}; until a fetch brings the key, {@link HandshakeTokenDecoder} leaves such tokens to Boot's
 * decoder. Fetches run on a virtual thread of their own, never on the event loop that asked.
 */
@Component
class JwkSetKeys {

    private static final Logger log = LoggerFactory.getLogger(JwkSetKeys.class);
    static final Duration REFETCH_PAUSE = Duration.ofSeconds(5);
    /** Nimbus's verifier refuses shorter RSA keys. */
    private static final int MIN_KEY_BITS = 2048;

    private final URI jwkSetUri;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong lastFetch = new AtomicLong(Long.MIN_VALUE);
    private volatile Map<String, RSAPublicKey> keys = Map.of();

    JwkSetKeys(@Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri}") URI jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    /** The key; null when the set did not hold it at the last fetch, which starts another unless one is recent. */
    @Nullable RSAPublicKey find(String kid) {
        RSAPublicKey key = keys.get(kid);
        if (key == null) {
            fetchUnlessRecent();
        }
        return key;
    }

    private void fetchUnlessRecent() {
        long now = System.nanoTime();
        long last = lastFetch.get();
        if ((last == Long.MIN_VALUE || now - last >= REFETCH_PAUSE.toNanos()) && lastFetch.compareAndSet(last, now)) {
            Thread.ofVirtual().name("jwk-set-fetch").start(this::fetch);
        }
    }

    private void fetch() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwkSetUri)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.debug("The JWK set answered {}", response.statusCode());
                return;
            }
            Map<String, RSAPublicKey> fetched = new HashMap<>();
            for (JWK jwk : JWKSet.parse(response.body()).getKeys()) {
                if (jwk instanceof RSAKey rsa && verifiesRs256(rsa)) {
                    RSAPublicKey key = rsa.toRSAPublicKey();
                    if (key.getModulus().bitLength() >= MIN_KEY_BITS) {
                        fetched.put(rsa.getKeyID(), key);
                    }
                }
            }
            keys = Map.copyOf(fetched);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Boot's decoder, which handles every token meanwhile, reports the JWK set's trouble itself.
            log.debug("The JWK set could not be fetched or read", e);
        }
    }

    /** A key Nimbus would select for an RS256 header with its kid: nothing in the JWK restricts it to other uses. */
    private static boolean verifiesRs256(RSAKey rsa) {
        return rsa.getKeyID() != null
                && (rsa.getKeyUse() == null || KeyUse.SIGNATURE.equals(rsa.getKeyUse()))
                && (rsa.getAlgorithm() == null || JWSAlgorithm.RS256.equals(rsa.getAlgorithm()))
                && (rsa.getKeyOperations() == null || rsa.getKeyOperations().contains(KeyOperation.VERIFY));
    }
}
