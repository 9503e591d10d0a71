package com.loyalty.chat.realtime.handshake;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The handshake's token check. Boot's decoder (Nimbus) spends more on parsing its token, converting the JWK to a Java
 * key and building its verifier than on the RS256 signature itself, for every handshake. So a token of the one shape
 * session-service issues is accepted here directly: header {@code alg} RS256 with a {@code kid} of the JWK set and
 * nothing but {@code typ} besides, a signature that verifies with that key, claims that are JSON with integral times,
 * and the same validators as Boot's decoder (timestamps, type, subject). Anything else, accepted or refused, is
 * Boot's decoder's to answer, so refusals keep their exceptions (4002, or 5003 without a JWK set) and nothing is
 * accepted here that it would refuse.
 */
@Component
class HandshakeTokenDecoder {

    private static final String RS256 = "RS256";
    private static final Set<String> PLAIN_HEADER = Set.of("alg", "kid", "typ");
    private static final Set<String> TIMES = Set.of(JwtClaimNames.EXP, JwtClaimNames.IAT, JwtClaimNames.NBF);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    /** Numbers as Nimbus reads them (Long, not Integer), so the claims equal those of Boot's decoder. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final ThreadLocal<Signature> SHA256_WITH_RSA = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot verify RS256", e);
        }
    });

    private final ReactiveJwtDecoder decoder;
    private final JwkSetKeys keys;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Converter<Map<String, Object>, Map<String, Object>> claimsConverter =
            MappedJwtClaimSetConverter.withDefaults(Map.of());

    /** @param validators the validators Boot adds to its decoder's defaults */
    @Autowired
    HandshakeTokenDecoder(ReactiveJwtDecoder decoder, JwkSetKeys keys,
                          ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
        this(decoder, keys, validators.orderedStream().toList());
    }

    HandshakeTokenDecoder(ReactiveJwtDecoder decoder, JwkSetKeys keys, List<OAuth2TokenValidator<Jwt>> validators) {
        this.decoder = decoder;
        this.keys = keys;
        this.validator = validators.isEmpty() ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithValidators(validators);
    }

    Mono<Jwt> decode(String token) {
        Jwt jwt;
        try {
            jwt = accepted(token);
        } catch (RuntimeException e) {
            // A claim the conversion or a validator cannot take: Boot's decoder refuses it as it always did.
            jwt = null;
        }
        return jwt != null ? Mono.just(jwt) : decoder.decode(token);
    }

    /** The token, when it has the usual shape and passes every check; null: Boot's decoder is to answer. */
    @Nullable Jwt accepted(String token) {
        int headerEnd = token.indexOf('.');
        int claimsEnd = token.indexOf('.', headerEnd + 1);
        if (headerEnd < 0 || claimsEnd < 0 || token.indexOf('.', claimsEnd + 1) >= 0) {
            return null;
        }
        Map<String, Object> header = json(token.substring(0, headerEnd));
        if (header == null || !PLAIN_HEADER.containsAll(header.keySet()) || !RS256.equals(header.get("alg"))
                || !(header.get("kid") instanceof String kid)) {
            return null;
        }
        RSAPublicKey key = keys.find(kid);
        if (key == null || !verifies(key, token, claimsEnd)) {
            return null;
        }
        Map<String, Object> claims = json(token.substring(headerEnd + 1, claimsEnd));
        if (claims == null || !hasPlainTypes(claims)) {
            return null;
        }
        Map<String, Object> converted = claimsConverter.convert(claims);
        Jwt jwt = Jwt.withTokenValue(token)
                .headers(headers -> headers.putAll(header))
                .claims(values -> values.putAll(converted))
                .build();
        return validator.validate(jwt).hasErrors() ? null : jwt;
    }

    private static boolean verifies(RSAPublicKey key, String token, int claimsEnd) {
        try {
            byte[] signature = BASE64URL.decode(token.substring(claimsEnd + 1));
            Signature verifier = SHA256_WITH_RSA.get();
            verifier.initVerify(key);
            verifier.update(ascii(token, claimsEnd));
            return verifier.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** The signed part, {@code header.claims}; IllegalArgumentException for a character a JWT cannot hold there. */
    private static byte[] ascii(String token, int end) {
        byte[] bytes = new byte[end];
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            if (c > 0x7f) {
                throw new IllegalArgumentException("not ASCII");
            }
            bytes[i] = (byte) c;
        }
        return bytes;
    }

    /** Times as whole seconds, the subject and issuer as strings: other types are for Boot's decoder to judge. */
    private static boolean hasPlainTypes(Map<String, Object> claims) {
        for (String time : TIMES) {
            Object value = claims.get(time);
            if (value != null && !(value instanceof Long)) {
                return false;
            }
        }
        return claims.get(JwtClaimNames.SUB) instanceof String
                && (!claims.containsKey(JwtClaimNames.ISS) || claims.get(JwtClaimNames.ISS) instanceof String)
                && !claims.containsKey(JwtClaimNames.AUD);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> json(String base64url) {
        try {
            return JSON.readValue(BASE64URL.decode(base64url), LinkedHashMap.class);
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }
}
