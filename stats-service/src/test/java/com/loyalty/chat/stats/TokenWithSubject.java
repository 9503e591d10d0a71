package com.loyalty.chat.stats;

import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalTokens;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A token the issuer's key really signed, for an admin, whose subject is whatever a test chooses: the local stack's
 * own tokens always carry a numeric user id.
 */
final class TokenWithSubject {

    private TokenWithSubject() {
    }

    static String signed(String subject) throws Exception {
        LocalStack stack = LocalStack.shared();
        String keyId = JWKSet.load(stack.jwkSetUri().toURL()).getKeys().getFirst().getKeyID();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(keyId).build(),
                new JWTClaimsSet.Builder()
                        .issuer(LocalTokens.ISSUER)
                        .subject(subject)
                        .claim("is_admin", true)
                        .issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                        .build());
        jwt.sign(new RSASSASigner(privateKey(stack)));
        return jwt.serialize();
    }

    private static PrivateKey privateKey(LocalStack stack) throws Exception {
        String pem = Files.readString(stack.privateKeyFile())
                .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
