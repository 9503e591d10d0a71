package com.loyalty.chat.session.account;

import static com.loyalty.chat.session.Api.ADMIN_ID;
import static com.loyalty.chat.session.Api.ADMIN_MOBILE;
import static com.loyalty.chat.session.Api.DEV_CODE;
import static com.loyalty.chat.session.Api.PLAIN_USER_MOBILE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

@ServiceTest
class LoginTest {

    @Autowired
    RestTestClient rest;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(rest);
    }

    @Test
    void seededAdminLogsInWithTheDevelopmentCodeAndGetsTheContractUser() {
        Api.Reply reply = api.post("/api/v2/auth/login", null,
                Map.of("mobile", ADMIN_MOBILE, "verificationCode", DEV_CODE));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("success").asBoolean()).isTrue();
        assertThat(reply.code()).isZero();
        assertThat(reply.data().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(reply.data().get("expiresIn").asLong()).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(reply.data().get("user").toString()).isEqualTo(
                "{\"userId\":31,\"mobile\":\"13612227930\",\"nickname\":\"管理员用户\",\"avatar\":null,\"isAdmin\":true}");
    }

    @Test
    void issuedTokenVerifiesAgainstThePublishedJwkSetAndCarriesTheContractClaims() throws Exception {
        SignedJWT token = SignedJWT.parse(api.login(ADMIN_MOBILE).token());
        Api.Reply jwks = api.get("/.well-known/jwks.json", null);

        assertThat(jwks.status()).isEqualTo(200);
        RSAKey key = (RSAKey) JWKSet.parse(jwks.body().toString()).getKeyByKeyId(token.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
        JWTClaimsSet claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("31");
        assertThat(claims.getIssuer()).isEqualTo("chat-session-service");
        assertThat(claims.getStringClaim("mobile")).isEqualTo(ADMIN_MOBILE);
        assertThat(claims.getStringClaim("nickname")).isEqualTo("管理员用户");
        assertThat(claims.getBooleanClaim("is_admin")).isTrue();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(24));
    }

    @Test
    void keyIdIsDerivedFromTheKeySoEveryHolderOfItAgrees() throws Exception {
        String ours = SignedJWT.parse(api.login(ADMIN_MOBILE).token()).getHeader().getKeyID();
        String localStacks = SignedJWT.parse(LocalStack.shared().tokens().issue(ADMIN_ID, ADMIN_MOBILE, "管理员用户", true))
                .getHeader().getKeyID();

        assertThat(ours).isEqualTo(localStacks);
    }

    @Test
    void meAnswersTheAccountOfTheToken() {
        Api.Reply me = api.get("/api/v2/auth/me", api.login(PLAIN_USER_MOBILE).token());

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().get("userId").asLong()).isEqualTo(32);
        assertThat(me.data().get("mobile").asString()).isEqualTo(PLAIN_USER_MOBILE);
        assertThat(me.data().get("isAdmin").asBoolean()).isFalse();
    }

    @Test
    void unknownMobileWithAValidCodeRegistersAPlainUserOnce() {
        String mobile = Api.newMobile();

        Api.Reply first = api.post("/api/v2/auth/login", null, Map.of("mobile", mobile, "verificationCode", DEV_CODE));
        Api.Reply second = api.post("/api/v2/auth/login", null, Map.of("mobile", mobile, "verificationCode", DEV_CODE));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().get("user").get("userId").asLong()).isGreaterThanOrEqualTo(1000);
        assertThat(first.data().get("user").get("isAdmin").asBoolean()).isFalse();
        assertThat(first.data().get("user").get("nickname").asString()).isEqualTo("用户" + mobile.substring(7));
        assertThat(second.data().get("user")).isEqualTo(first.data().get("user"));
    }

    @Test
    void wrongCodeIsAnInvalidRequestNamingTheCode() {
        Api.Reply reply = api.post("/api/v2/auth/login", null,
                Map.of("mobile", Api.newMobile(), "verificationCode", "000000"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.body().get("success").asBoolean()).isFalse();
        assertThat(reply.data().isNull()).isTrue();
        assertThat(reply.msg()).startsWith("verificationCode");
    }

    @Test
    void malformedMobileIsAnInvalidRequestNamingTheField() {
        Api.Reply reply = api.post("/api/v2/auth/send-code", null, Map.of("mobile", "12345"));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
        assertThat(reply.msg()).startsWith("mobile");
    }

    @Test
    void bodyThatIsNotJsonIsAnInvalidRequest() {
        Api.Reply reply = api.post("/api/v2/auth/login", null, "{not json");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo(4000);
    }

    @Test
    void secondCodeWithinTheResendIntervalIsRateLimited() {
        String mobile = Api.newMobile();

        Api.Reply first = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));
        Api.Reply second = api.post("/api/v2/auth/send-code", null, Map.of("mobile", mobile));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.code()).isEqualTo(4029);
    }

    @Test
    void localStackTestTokensAreAcceptedLikeIssuedOnes() {
        String token = LocalStack.shared().tokens().issue(ADMIN_ID, ADMIN_MOBILE, "管理员用户", true);

        Api.Reply me = api.get("/api/v2/auth/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.data().get("userId").asLong()).isEqualTo(ADMIN_ID);
    }
}
