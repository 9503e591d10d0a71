package com.loyalty.chat.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The OpenAPI document at the gateway describes every REST endpoint of the contract, as clients call it. */
class ApiDocsIT {

    /** A method and path in backquotes, as the contract writes its endpoints: `POST /sessions/{sessionId}/claim`. */
    private static final Pattern ENDPOINT = Pattern.compile("`(GET|POST|PUT|PATCH|DELETE)\\s+(/[^`?\\s]*)");
    private static final String ADMIN_PREFIX = "/api/v2/admin/chat";

    private final Api api = new Api(SystemUnderTest.gatewayUrl());

    record Endpoint(String method, String path) {
    }

    @Test
    void everyRestEndpointOfTheContractIsDescribedWithoutAToken() throws IOException {
        List<Endpoint> contract = contractEndpoints();
        assertThat(contract).as("the contract's endpoints, as read from CONTRACT.md").hasSizeGreaterThan(20);

        Api.Answer docs = api.get("/api/v2/docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().has("x-unavailable-services")).as("every service answered").isFalse();
        List<Endpoint> missing = contract.stream()
                .filter(endpoint -> docs.body().path("paths").path(endpoint.path())
                        .path(endpoint.method().toLowerCase(Locale.ROOT)).isMissingNode())
                .toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void adminPathsNameTheirCompatibilityPrefixes() {
        JsonNode sessions = api.get("/api/v2/docs", null).body().path("paths").path(ADMIN_PREFIX + "/sessions");

        assertThat(sessions.path("x-compatibility-paths").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("/admin/chat/sessions", "/api/admin/chat/sessions");
    }

    @Test
    void describesTheBearerTokenAndTheEnvelope() {
        JsonNode docs = api.get("/api/v2/docs", null).body();

        assertThat(docs.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.at("/paths/~1api~1v2~1auth~1login/post/security").isEmpty()).isTrue();
        assertThat(docs.at("/components/schemas/ErrorEnvelope/properties").propertyNames())
                .containsExactlyInAnyOrder("success", "code", "msg", "data", "timestamp");
    }

    @Test
    void swaggerUiOpensWithoutAToken() {
        Api.Answer page = api.get("/api/v2/docs/ui", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().asString()).contains("/api/v2/docs");
    }

    /** Every `METHOD /path` of CONTRACT.md; admin table paths are relative to /api/v2/admin/chat. */
    private static List<Endpoint> contractEndpoints() throws IOException {
        Path projectRoot = Path.of(System.getProperty("chat.project.root", "..")).toAbsolutePath().normalize();
        Path contract = projectRoot.resolveSibling("shared").resolve("spec").resolve("CONTRACT.md");
        List<Endpoint> endpoints = new ArrayList<>();
        Matcher matcher = ENDPOINT.matcher(Files.readString(contract));
        while (matcher.find()) {
            String path = matcher.group(2);
            endpoints.add(new Endpoint(matcher.group(1), path.startsWith("/api/") ? path : ADMIN_PREFIX + path));
        }
        return endpoints;
    }
}
