package com.loyalty.chat.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Access tokens exactly like session-service's: RS256 with the stack's key, so tests can act as any user or admin
 * without logging in. Under {@code ./run} session-service signs with the same key, so both kinds are accepted.
 */
public final class LocalTokens {

    /** The {@code iss} session-service puts in its tokens. */
    public static final String ISSUER = "chat-session-service";

    private static final Duration LIFETIME = Duration.ofHours(1);

    private final RSASSASigner signer;
    private final JWSHeader header;

    LocalTokens(RSAKey key) {
        try {
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("Not a private RSA key", e);
        }
        this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
    }

    /** A token valid for the next hour. */
    public String issue(long userId, String mobile, String nickname, boolean admin) {
        return sign(userId, mobile, nickname, admin, Instant.now());
    }

    /** A token that expired an hour ago, well past any clock-skew allowance of a verifier. */
    public String issueExpired(long userId, String mobile, String nickname, boolean admin) {
        return sign(userId, mobile, nickname, admin, Instant.now().minus(LIFETIME.multipliedBy(2)));
    }

    /** A token that expires {@code lifetime} from now, to see what happens to a connection when it does. */
    public String issueExpiringIn(long userId, String mobile, String nickname, boolean admin, Duration lifetime) {
        return sign(userId, mobile, nickname, admin, Instant.now().minus(LIFETIME).plus(lifetime));
    }

    private String sign(long userId, String mobile, String nickname, boolean admin, Instant issuedAt) {
        // No avatar claim: like the seeded accounts, these users have none.
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(Long.toString(userId))
                .claim("mobile", mobile)
                .claim("nickname", nickname)
                .claim("is_admin", admin)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(LIFETIME)))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
