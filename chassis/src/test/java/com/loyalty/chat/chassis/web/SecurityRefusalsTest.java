package com.loyalty.chat.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import tools.jackson.databind.json.JsonMapper;

/** Spring Security's refusals are the envelope: 401/4001, 401/4002, 403/4003, and 503/5003 when keys are away. */
class SecurityRefusalsTest {

    private final SecurityRefusals refusals = new SecurityRefusals(JsonMapper.builder().build());

    @Test
    void noTokenABadTokenAndNoRoleEachAnswerTheirCode() throws Exception {
        MockHttpServletResponse missing = new MockHttpServletResponse();
        refusals.commence(new MockHttpServletRequest(), missing, new InsufficientAuthenticationException("none"));
        assertEnvelope(missing, 401, 4001);
        assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer");

        MockHttpServletResponse invalid = new MockHttpServletResponse();
        refusals.commence(new MockHttpServletRequest(), invalid, new InvalidBearerTokenException("bad"));
        assertEnvelope(invalid, 401, 4002);
        assertThat(invalid.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        MockHttpServletResponse forbidden = new MockHttpServletResponse();
        refusals.handle(new MockHttpServletRequest(), forbidden, new AccessDeniedException("no"));
        assertEnvelope(forbidden, 403, 4003);
    }

    @Test
    void aTokenThatCouldNotBeCheckedForWantOfTheKeySetIs5003() throws Exception {
        MockHttpServletResponse unavailable = new MockHttpServletResponse();
        refusals.onAuthenticationFailure(new MockHttpServletRequest(), unavailable,
                new AuthenticationServiceException("JWK set unreachable"));
        assertEnvelope(unavailable, 503, 5003);
    }

    private static void assertEnvelope(MockHttpServletResponse response, int status, int code) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("\"success\":false", "\"code\":" + code);
    }
}
