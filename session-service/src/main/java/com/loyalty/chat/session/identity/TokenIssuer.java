package com.loyalty.chat.session.identity;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import com.loyalty.chat.chassis.web.TokenClaims;
import com.nimbusds.jose.jwk.RSAKey;

/** Signs the access tokens every service accepts. */
@Component
class TokenIssuer {

    private final JwtEncoder encoder;
    private final String keyId;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, RSAKey signingKey, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keyId = signingKey.getKeyID();
        this.properties = properties;
        this.clock = clock;
    }

    IssuedToken issue(Account account) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(Long.toString(account.userId()))
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenTtl()))
                .claim(TokenClaims.MOBILE, account.mobile())
                .claim(TokenClaims.NICKNAME, account.nickname())
                .claim(TokenClaims.IS_ADMIN, account.admin());
        if (account.avatar() != null) {
            // JWT claims cannot be null; an absent avatar claim reads as null on the other side.
            claims.claim(TokenClaims.AVATAR, account.avatar());
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).type("JWT").keyId(keyId).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(token, properties.tokenTtl().toSeconds());
    }

    record IssuedToken(String value, long expiresInSeconds) {
    }
}
