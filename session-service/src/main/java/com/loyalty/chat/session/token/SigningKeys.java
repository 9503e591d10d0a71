package com.loyalty.chat.session.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.converter.RsaKeyConverters;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Where the signing key comes from. Its key id is the RFC 7638 thumbprint of the public key, so every replica
 * loading the same file names the key the same way without coordinating.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {
    }

    static RSAKey from(TokenProperties properties) {
        if (properties.hasPrivateKeyFile()) {
            return load(Path.of(properties.privateKeyFile()));
        }
        log.warn("chat.session.token.private-key-file (CHAT_JWT_PRIVATE_KEY_FILE) is not set: signing with an ephemeral key. "
                + "Tokens die with this process and other replicas cannot verify them; run a single replica only.");
        return generate();
    }

    private static RSAKey load(Path pemFile) {
        try (InputStream pem = Files.newInputStream(pemFile)) {
            RSAPrivateKey privateKey = RsaKeyConverters.pkcs8().convert(pem);
            return toJwk(publicKeyOf(privateKey), privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JWT signing key " + pemFile, e);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crtKey)) {
            throw new IllegalStateException("The JWT signing key must be a PKCS#8 RSA key with CRT parameters");
        }
        return publicKey(crtKey.getModulus(), crtKey.getPublicExponent());
    }

    private static RSAPublicKey publicKey(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of the JWT signing key", e);
        }
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return toJwk((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    private static RSAKey toJwk(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        try {
            return new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the key id of the JWT signing key", e);
        }
    }
}
