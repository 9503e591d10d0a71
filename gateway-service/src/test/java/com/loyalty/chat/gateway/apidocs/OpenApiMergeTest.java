package com.loyalty.chat.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OpenApiMergeTest {

    private static final URI SESSION = URI.create("http://127.0.0.1:8081");
    private static final URI MESSAGE = URI.create("http://127.0.0.1:8082");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The gateway's routes in their order: a message path first, then the session service takes the rest. */
    private final OpenApiMerge merge = new OpenApiMerge(List.of(
            PublicRoute.of(MESSAGE, "/api/v2/chat/sessions/*/messages"),
            PublicRoute.of(SESSION, "/api/v2/chat/**"),
            PublicRoute.of(MESSAGE, "/api/v2/admin/chat/sessions/*/messages", "/admin/chat/sessions/*/messages"),
            PublicRoute.of(SESSION, "/api/v2/admin/chat/**", "/admin/chat/**", "/api/admin/chat/**")));

    @Test
    void keepsAPathOnlyFromTheServiceTheGatewaySendsItTo() {
        JsonNode merged = merge.merge(List.of(
                document("session-service", SESSION, """
                        {"/api/v2/chat/sessions": {"get": {}}, "/.well-known/jwks.json": {"get": {}}}"""),
                document("message-service", MESSAGE, """
                        {"/api/v2/chat/sessions/{sessionId}/messages": {"get": {}},
                         "/api/v2/chat/offline-messages": {"get": {}}}""")));

        assertThat(merged.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v2/chat/sessions",
                "/api/v2/chat/sessions/{sessionId}/messages");
        assertThat(merged.at("/paths/~1api~1v2~1chat~1sessions~1{sessionId}~1messages/x-served-by").asString())
                .isEqualTo("message-service");
    }

    @Test
    void listsTheCompatibilityPathsTheSameRouteTakesInsteadOfRepeatingTheServicesAliases() {
        JsonNode merged = merge.merge(List.of(
                document("session-service", SESSION, """
                        {"/api/v2/admin/chat/admins": {"get": {}}, "/admin/chat/admins": {"get": {}}}"""),
                document("message-service", MESSAGE, """
                        {"/api/v2/admin/chat/sessions/{sessionId}/messages": {"get": {}}}""")));

        assertThat(merged.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v2/admin/chat/admins",
                "/api/v2/admin/chat/sessions/{sessionId}/messages");
        assertThat(merged.at("/paths/~1api~1v2~1admin~1chat~1admins/x-compatibility-paths").valueStream()
                .map(JsonNode::asString)).containsExactly("/admin/chat/admins", "/api/admin/chat/admins");
        // This route takes only one of the prefixes: the other would reach the session service.
        assertThat(merged.at("/paths/~1api~1v2~1admin~1chat~1sessions~1{sessionId}~1messages/x-compatibility-paths")
                .valueStream().map(JsonNode::asString)).containsExactly("/admin/chat/sessions/{sessionId}/messages");
    }

    @Test
    void aSchemaNameTwoServicesUseDifferentlyIsKeptApartWithItsReferences() {
        JsonNode merged = merge.merge(List.of(
                document("session-service", SESSION, """
                        {"/api/v2/chat/sessions": {"get": {"$ref": "#/components/schemas/Item"}}}""",
                        """
                        {"Item": {"type": "object"}, "Same": {"type": "string"}}"""),
                document("message-service", MESSAGE, """
                        {"/api/v2/chat/sessions/{sessionId}/messages": {"get": {"$ref": "#/components/schemas/Item"}}}""",
                        """
                        {"Item": {"type": "array"}, "Same": {"type": "string"}}""")));

        assertThat(merged.at("/components/schemas").propertyNames())
                .containsExactlyInAnyOrder("Item", "message-service.Item", "Same");
        assertThat(merged.at("/paths/~1api~1v2~1chat~1sessions/get/$ref").asString())
                .isEqualTo("#/components/schemas/Item");
        assertThat(merged.at("/paths/~1api~1v2~1chat~1sessions~1{sessionId}~1messages/get/$ref").asString())
                .isEqualTo("#/components/schemas/message-service.Item");
    }

    @Test
    void aServiceThatDidNotAnswerIsNamed() {
        JsonNode merged = merge.merge(List.of(
                new OpenApiMerge.ServiceDocument("http://127.0.0.1:8083", URI.create("http://127.0.0.1:8083"),
                        Optional.empty())));

        assertThat(merged.get("x-unavailable-services").valueStream().map(JsonNode::asString))
                .containsExactly("http://127.0.0.1:8083");
    }

    @Test
    void describesTheBearerScheme() {
        JsonNode merged = merge.merge(List.of());

        assertThat(merged.at("/components/securitySchemes/bearerAuth/scheme").asString()).isEqualTo("bearer");
        assertThat(merged.at("/security/0/bearerAuth").isArray()).isTrue();
    }

    private static OpenApiMerge.ServiceDocument document(String service, URI target, String paths) {
        return document(service, target, paths, "{}");
    }

    private static OpenApiMerge.ServiceDocument document(String service, URI target, String paths, String schemas) {
        JsonNode document = JSON.readTree("""
                {"openapi": "3.1.0", "info": {"title": "%s"}, "paths": %s, "components": {"schemas": %s}}"""
                .formatted(service, paths, schemas));
        return new OpenApiMerge.ServiceDocument(service, target, Optional.of(document));
    }
}
