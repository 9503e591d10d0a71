package com.loyalty.chat.chassis.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.WebFilterExchange;

import com.loyalty.chat.chassis.metrics.ErrorAnswers;

import tools.jackson.databind.json.JsonMapper;

/** A reactive service's security refusals are the envelope the servlet services answer: 4001, 4002, 4003, 5003. */
class ReactiveSecurityRefusalsTest {

    private final ReactiveSecurityRefusals refusals =
            new ReactiveSecurityRefusals(new EnvelopeResponses(JsonMapper.builder().build(), ErrorAnswers.NONE));

    @Test
    void noTokenIs401WithCode4001() {
        MockServerWebExchange exchange = exchange();
        refusals.commence(exchange, new InsufficientAuthenticationException("none")).block();
        assertEnvelope(exchange, 401, 4001);
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void aPresentedTokenThatFailsIs401WithCode4002() {
        MockServerWebExchange exchange = exchange();
        refusals.commence(exchange, new InvalidBearerTokenException("bad")).block();
        assertEnvelope(exchange, 401, 4002);
        assertThat(exchange.getResponse().getHeaders().getFirst("WWW-Authenticate"))
                .isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void aCallerWithoutTheRoleIs403WithCode4003() {
        MockServerWebExchange exchange = exchange();
        refusals.handle(exchange, new AccessDeniedException("no")).block();
        assertEnvelope(exchange, 403, 4003);
    }

    @Test
    void aTokenThatCouldNotBeCheckedForWantOfTheKeySetIs503WithCode5003() {
        MockServerWebExchange exchange = exchange();
        refusals.onAuthenticationFailure(new WebFilterExchange(exchange, ignored -> null),
                new AuthenticationServiceException("JWK set unreachable")).block();
        assertEnvelope(exchange, 503, 5003);
    }

    private static MockServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/ws"));
    }

    private static void assertEnvelope(MockServerWebExchange exchange, int status, int code) {
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(status);
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/json");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("\"success\":false", "\"code\":" + code);
    }
}
