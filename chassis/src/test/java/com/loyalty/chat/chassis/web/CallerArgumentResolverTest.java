package com.loyalty.chat.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A {@link Caller} parameter is the token's caller, or the request is refused like a bad token. */
class CallerArgumentResolverTest {

    @RestController
    static class Probe {

        @GetMapping("/me")
        Caller me(Caller caller) {
            return caller;
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Probe())
            .setCustomArgumentResolvers(new CallerArgumentResolver())
            .setControllerAdvice(new CommonErrors())
            .build();

    @AfterEach
    void forgetTheCaller() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theCallerIsWhatTheTokenSays() throws Exception {
        authenticate(CallerAuthentication.of(token("42", Map.of(TokenClaims.IS_ADMIN, true,
                TokenClaims.MOBILE, "13800000000", TokenClaims.NICKNAME, "小李", TokenClaims.AVATAR, "a.png"))));

        mvc.perform(get("/me"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.userId").value(42))
                .andExpect(jsonPath("$.admin").value(true))
                .andExpect(jsonPath("$.mobile").value("13800000000"))
                .andExpect(jsonPath("$.nickname").value("小李"))
                .andExpect(jsonPath("$.avatar").value("a.png"));
    }

    @Test
    void noTokenIs4001AndASubjectThatIsNoUserIdIs4002() throws Exception {
        mvc.perform(get("/me")).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value(4001));

        authenticate(new TestingAuthenticationToken(token("abc", Map.of()), null));
        mvc.perform(get("/me")).andExpect(status().isUnauthorized()).andExpect(jsonPath("$.code").value(4002));
    }

    @Test
    void onlyTheAdminClaimGrantsTheAdminRole() {
        assertThat(CallerAuthentication.of(token("7", Map.of(TokenClaims.NICKNAME, "n"))).getAuthorities()).isEmpty();
        assertThat(CallerAuthentication.of(token("7", Map.of(TokenClaims.IS_ADMIN, true))).getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_ADMIN");
        for (String subject : new String[] {"abc", "0", "-1", "31.0", "99999999999999999999"}) {
            assertThatThrownBy(() -> CallerAuthentication.of(token(subject, Map.of())))
                    .as(subject).isInstanceOf(InvalidBearerTokenException.class);
        }
    }

    private static void authenticate(Authentication authentication) {
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    private static Jwt token(String subject, Map<String, Object> claims) {
        Jwt.Builder token = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(token::claim);
        return token.build();
    }
}
