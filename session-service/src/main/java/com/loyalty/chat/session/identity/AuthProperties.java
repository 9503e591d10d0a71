package com.loyalty.chat.session.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How accounts log in and what their tokens look like.
 *
 * @param privateKeyFile     PKCS#8 PEM file with the RSA signing key all replicas share; blank means an ephemeral key
 * @param issuer             the {@code iss} claim every service expects
 * @param tokenTtl           lifetime of an issued token
 * @param fixedCode          a code accepted for every mobile (development only; blank in production)
 * @param codeTtl            how long an issued code stays valid
 * @param codeResendInterval minimum time between two codes for one mobile
 * @param maxCodeAttempts    wrong guesses after which an issued code is discarded
 */
@ConfigurationProperties("chat.auth")
record AuthProperties(
        String privateKeyFile,
        @DefaultValue("chat-session-service") String issuer,
        @DefaultValue("24h") Duration tokenTtl,
        String fixedCode,
        @DefaultValue("5m") Duration codeTtl,
        @DefaultValue("60s") Duration codeResendInterval,
        @DefaultValue("5") int maxCodeAttempts) {

    boolean hasPrivateKeyFile() {
        return privateKeyFile != null && !privateKeyFile.isBlank();
    }

    boolean hasFixedCode() {
        return fixedCode != null && !fixedCode.isBlank();
    }
}
