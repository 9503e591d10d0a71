package com.loyalty.chat.session.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.loyalty.chat.session.Api;
import com.loyalty.chat.session.ServiceTest;

import tools.jackson.databind.JsonNode;

/** The service's OpenAPI document, which the gateway merges into /api/v2/docs. */
@ServiceTest
class ApiDocsTest {

    @Autowired
    RestTestClient rest;

    JsonNode docs;

    @BeforeEach
    void fetchWithoutAToken() {
        Api.Reply reply = new Api(rest).get("/v3/api-docs", null);
        assertThat(reply.status()).isEqualTo(200);
        docs = reply.body();
    }

    @Test
    void describesTheContractsPaths() {
        assertThat(docs.get("paths").propertyNames()).contains("/api/v2/auth/login", "/api/v2/auth/me",
                "/api/v2/chat/sessions", "/api/v2/admin/chat/sessions/{sessionId}/transfer",
                "/api/v2/admin/chat/admins/me/status", "/api/v2/admin/chat/operation-logs");
    }

    @Test
    void everyOperationNeedsTheBearerTokenButLoginAndSendCode() {
        assertThat(docs.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/security/0/bearerAuth").isArray()).isTrue();
        assertThat(docs.at("/paths/~1api~1v2~1auth~1login/post/security").isEmpty()).isTrue();
        assertThat(docs.at("/paths/~1api~1v2~1auth~1send-code/post/security").isEmpty()).isTrue();
        assertThat(docs.at("/paths/~1api~1v2~1auth~1me/get/security").isMissingNode()).isTrue();
    }

    @Test
    void theCallerIsNoRequestParameter() {
        List<String> parameters = new ArrayList<>();
        docs.get("paths").forEach(path -> path.forEach(operation -> operation.path("parameters")
                .forEach(parameter -> parameters.add(parameter.get("name").asString()))));

        assertThat(parameters).contains("sessionId", "status", "page", "pageSize").doesNotContain("caller");
    }

    @Test
    void errorsAnswerWithTheEnvelope() {
        assertThat(docs.at("/paths/~1api~1v2~1auth~1me/get/responses/4XX/content/application~1json/schema/$ref")
                .asString()).isEqualTo("#/components/schemas/ErrorEnvelope");
        assertThat(docs.at("/components/schemas/ErrorEnvelope/properties/code/enum").valueStream()
                .map(JsonNode::asInt)).contains(4000, 4001, 4002, 4003, 4004, 4009, 4029, 5000, 5003);
        assertThat(docs.at("/components/schemas/ApiResponseUserView/properties").propertyNames())
                .contains("success", "code", "msg", "data", "timestamp");
    }

    @Test
    void theContainersErrorPathIsNoEndpoint() {
        assertThat(docs.get("paths").propertyNames()).doesNotContain("/error");
    }
}
