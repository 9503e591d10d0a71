package com.loyalty.chat.chassis.jwt;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A servlet service's decoder, asked only for the tokens it has not accepted lately. */
final class RememberingJwtDecoder implements JwtDecoder {

    private final JwtDecoder decoder;
    private final VerifiedTokens verified;

    RememberingJwtDecoder(JwtDecoder decoder, VerifiedTokens verified) {
        this.decoder = decoder;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) {
        Jwt remembered = verified.find(token);
        if (remembered != null) {
            return remembered;
        }
        Jwt jwt = decoder.decode(token);
        verified.remember(jwt);
        return jwt;
    }
}
