package com.loyalty.chat.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service whose token issuer's key set is out of reach (nothing listens on the discard port) cannot check a token:
 * that is not the caller's fault, so it is neither 4002 nor the container's bare 500.
 */
@SpringBootTest(classes = TokenSecurityTest.TokenCheckingService.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/.well-known/jwks.json")
class TokenSecurityTest {

    @LocalServerPort
    private int port;

    @Test
    void aTokenThatCannotBeCheckedForWantOfTheKeySetIsRefusedWith503AndCode5003() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/anything"))
                        .header("Authorization", "Bearer " + signedToken()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"success\":false", "\"code\":5003");
    }

    private static String signedToken() throws Exception {
        var key = new RSAKeyGenerator(2048).keyID("elsewhere").generate();
        var token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("42").expirationTime(new Date(System.currentTimeMillis() + 60_000))
                        .build());
        token.sign(new RSASSASigner(key));
        return token.serialize();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TokenCheckingService {

        @Bean
        SecurityFilterChain everythingNeedsAToken(HttpSecurity http, SecurityRefusals refusals) throws Exception {
            return TokenSecurity.statelessWithTokens(http, refusals)
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .build();
        }

        @RestController
        static class Anything {

            @GetMapping("/anything")
            String anything() {
                return "reached";
            }
        }
    }
}
