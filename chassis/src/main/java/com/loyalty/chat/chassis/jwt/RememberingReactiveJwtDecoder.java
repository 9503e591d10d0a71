package com.loyalty.chat.chassis.jwt;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/** A reactive service's decoder, asked only for the tokens it has not accepted lately. */
final class RememberingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder decoder;
    private final VerifiedTokens verified;

    RememberingReactiveJwtDecoder(ReactiveJwtDecoder decoder, VerifiedTokens verified) {
        this.decoder = decoder;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = verified.find(token);
        return remembered != null ? Mono.just(remembered) : decoder.decode(token).doOnNext(verified::remember);
    }
}
