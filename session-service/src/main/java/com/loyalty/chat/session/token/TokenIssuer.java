package com.loyalty.chat.session.token;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.web.TokenClaims;
import com.loyalty.chat.contracts.events.UserProfile;
import com.nimbusds.jose.jwk.RSAKey;

/** Signs the access tokens every service accepts. */
@Component
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final String keyId;
    private final TokenProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, RSAKey signingKey, TokenProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keyId = signingKey.getKeyID();
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for the account of {@code user}, an admin's when {@code admin}. */
    public IssuedToken issue(UserProfile user, boolean admin) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(Long.toString(user.userId()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.ttl()))
                .claim(TokenClaims.MOBILE, user.mobile())
                .claim(TokenClaims.NICKNAME, user.nickname())
                .claim(TokenClaims.IS_ADMIN, admin);
        if (user.avatar() != null) {
            // JWT claims cannot be null; an absent avatar claim reads as null on the other side.
            claims.claim(TokenClaims.AVATAR, user.avatar());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").keyId(keyId).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, properties.ttl().toSeconds());
    }

    public record IssuedToken(String value, long expiresInSeconds) {
    }
}
