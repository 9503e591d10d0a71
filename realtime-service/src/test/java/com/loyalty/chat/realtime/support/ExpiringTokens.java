package com.loyalty.chat.realtime.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalTokens;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens like the local stack's, signed with its key (read from its PEM, with the same key id), but expiring when a
 * test says: the stack only issues tokens valid for an hour or long expired.
 */
final class ExpiringTokens {

    private static RSAKey key;

    private ExpiringTokens() {
    }

    static String issue(long userId, String mobile, String nickname, boolean admin, Instant expiresAt) {
        RSAKey signingKey = key();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(LocalTokens.ISSUER)
                .subject(Long.toString(userId))
                .claim("mobile", mobile)
                .claim("nickname", nickname)
                .claim("is_admin", admin)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static synchronized RSAKey key() {
        if (key == null) {
            try {
                String pem = Files.readString(LocalStack.shared().privateKeyFile());
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                key = new RSAKey.Builder(publicKey).privateKey(privateKey).keyIDFromThumbprint().build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException | JOSEException e) {
                throw new IllegalStateException("Cannot read the local stack's key", e);
            }
        }
        return key;
    }
}
