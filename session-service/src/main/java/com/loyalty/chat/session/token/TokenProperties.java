package com.loyalty.chat.session.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the issued tokens look like.
 *
 * @param privateKeyFile PKCS#8 PEM file with the RSA signing key all replicas share ({@code CHAT_JWT_PRIVATE_KEY_FILE});
 *                       blank means an ephemeral key
 * @param issuer         the {@code iss} claim every service expects
 * @param ttl            lifetime of an issued token
 */
@ConfigurationProperties("chat.session.token")
record TokenProperties(
        String privateKeyFile,
        @DefaultValue("chat-session-service") String issuer,
        @DefaultValue("24h") Duration ttl) {

    boolean hasPrivateKeyFile() {
        return privateKeyFile != null && !privateKeyFile.isBlank();
    }
}
