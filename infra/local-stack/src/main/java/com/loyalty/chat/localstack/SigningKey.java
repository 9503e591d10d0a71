package com.loyalty.chat.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The RSA key a stack signs tokens with. Its key id is the RFC 7638 thumbprint, so anyone holding the same PEM
 * (session-service under {@code ./run}) derives the same {@code kid} and tokens from either verify against either JWK
 * set.
 */
final class SigningKey {

    private final RSAKey key;

    private SigningKey(RSAKey key) {
        this.key = key;
    }

    static SigningKey generate() {
        try {
            return new SigningKey(new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an RSA key", e);
        }
    }

    /** The key {@link #writePrivateKeyPem} wrote, with the same key id, so tokens signed before still verify. */
    static SigningKey readPrivateKeyPem(Path file) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII)
                    .replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", ""));
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new SigningKey(new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the private key " + file, e);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException | JOSEException e) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key: " + file, e);
        }
    }

    RSAKey jwk() {
        return key;
    }

    /** {@code {"keys":[...]}} with the public half only. */
    String publicJwkSetJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Writes the private key as PKCS#8 PEM, readable by its owner only. */
    Path writePrivateKeyPem(Path file) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.toPrivateKey().getEncoded());
            String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (JOSEException e) {
            throw new IllegalStateException("The generated key has no private part", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the private key to " + file, e);
        }
    }
}
