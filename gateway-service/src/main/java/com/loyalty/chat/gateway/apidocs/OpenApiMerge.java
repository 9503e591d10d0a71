package com.loyalty.chat.gateway.apidocs;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Merges the services' OpenAPI documents into the one clients read: only the paths that reach the service through
 * the gateway (the first route taking the path leads to that service), under the canonical {@code /api/v2/...} name,
 * with the compatibility prefixes the gateway also takes listed on the path as {@code x-compatibility-paths}.
 */
final class OpenApiMerge {

    /** The contract's canonical prefix; a service's own aliases outside it are noted, not repeated. */
    static final String CANONICAL = "/api/v2/";
    /** Canonical prefix → the compatibility prefixes the gateway rewrites to it. */
    static final Map<String, List<String>> COMPATIBILITY_PREFIXES = Map.of(
            "/api/v2/admin/chat/", List.of("/admin/chat/", "/api/admin/chat/"));
    static final String BEARER_SCHEME = "bearerAuth";

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^/}]+}");
    private static final String SCHEMA_REFS = "#/components/schemas/";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One service's document, or nothing where the service did not answer. */
    record ServiceDocument(String service, URI target, Optional<JsonNode> document) {
    }

    private final List<PublicRoute> routes;

    OpenApiMerge(List<PublicRoute> routes) {
        this.routes = routes;
    }

    ObjectNode merge(List<ServiceDocument> documents) {
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, JsonNode> schemas = new TreeMap<>();
        ArrayNode missing = JSON.arrayNode();
        String version = "3.1.0";
        for (ServiceDocument source : documents) {
            if (source.document().isEmpty()) {
                missing.add(source.service());
                continue;
            }
            JsonNode document = source.document().get();
            version = document.path("openapi").asString(version);
            Map<String, String> renamed = addSchemas(source.service(), document.path("components").path("schemas"),
                    schemas);
            for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
                String name = path.getKey();
                Optional<PublicRoute> route = routeOf(name);
                if (name.startsWith(CANONICAL) && route.isPresent() && route.get().target().equals(source.target())) {
                    ObjectNode item = (ObjectNode) renameRefs(path.getValue().deepCopy(), renamed);
                    item.put("x-served-by", source.service());
                    ArrayNode aliases = compatibilityPaths(name, route.get());
                    if (!aliases.isEmpty()) {
                        item.set("x-compatibility-paths", aliases);
                    }
                    paths.put(name, item);
                }
            }
        }
        ObjectNode merged = JSON.objectNode();
        merged.put("openapi", version);
        merged.set("info", info());
        merged.putArray("servers").addObject().put("url", "/")
                .put("description", "the gateway (every path below, REST and WebSocket, goes through it)");
        merged.putArray("security").addObject().putArray(BEARER_SCHEME);
        paths.forEach(merged.putObject("paths")::set);
        ObjectNode components = merged.putObject("components");
        schemas.forEach(components.putObject("schemas")::set);
        components.putObject("securitySchemes").putObject(BEARER_SCHEME)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "The token from POST /api/v2/auth/login, as Authorization: Bearer <token>.");
        if (!missing.isEmpty()) {
            merged.set("x-unavailable-services", missing);
        }
        return merged;
    }

    private Optional<PublicRoute> routeOf(String documentedPath) {
        String concrete = PATH_VARIABLE.matcher(documentedPath).replaceAll("x");
        return routes.stream().filter(route -> route.takes(concrete)).findFirst();
    }

    private ArrayNode compatibilityPaths(String canonical, PublicRoute route) {
        ArrayNode aliases = JSON.arrayNode();
        COMPATIBILITY_PREFIXES.forEach((prefix, alternatives) -> {
            if (canonical.startsWith(prefix)) {
                for (String alternative : alternatives) {
                    String alias = alternative + canonical.substring(prefix.length());
                    if (routeOf(alias).filter(route::equals).isPresent()) {
                        aliases.add(alias);
                    }
                }
            }
        });
        return aliases;
    }

    /**
     * Adds a service's schemas; one whose name another service already uses for a different schema is renamed
     * {@code <service>.<name>}. Answers the renames, to apply to that service's references.
     */
    private static Map<String, String> addSchemas(String service, JsonNode source, Map<String, JsonNode> schemas) {
        Map<String, String> renamed = new HashMap<>();
        for (Map.Entry<String, JsonNode> schema : source.properties()) {
            JsonNode existing = schemas.get(schema.getKey());
            if (existing != null && !existing.equals(schema.getValue())) {
                renamed.put(schema.getKey(), service + "." + schema.getKey());
            }
        }
        for (Map.Entry<String, JsonNode> schema : source.properties()) {
            schemas.put(renamed.getOrDefault(schema.getKey(), schema.getKey()),
                    renameRefs(schema.getValue().deepCopy(), renamed));
        }
        return renamed;
    }

    private static JsonNode renameRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return node;
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                JsonNode value = object.get(name);
                if ("$ref".equals(name) && value.isString() && value.asString().startsWith(SCHEMA_REFS)) {
                    String target = value.asString().substring(SCHEMA_REFS.length());
                    if (renamed.containsKey(target)) {
                        object.set(name, StringNode.valueOf(SCHEMA_REFS + renamed.get(target)));
                    }
                } else {
                    renameRefs(value, renamed);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> renameRefs(element, renamed));
        }
        return node;
    }

    private static ObjectNode info() {
        ObjectNode info = JSON.objectNode();
        info.put("title", "Chat backend API");
        info.put("version", "v2");
        info.put("description", """
                Every REST path a client calls, as the gateway serves it. Every answer is the envelope \
                {success, code, msg, data, timestamp}: success == (code == 0), data null on an error, the HTTP status \
                real; the codes are in ErrorEnvelope. Every path but login and send-code needs \
                Authorization: Bearer <token>; admin paths need an admin's token (else 4003). \
                Compatibility: each /api/v2/admin/chat/... path is also served at /admin/chat/... and \
                /api/admin/chat/... (listed per path as x-compatibility-paths). \
                The WebSocket endpoints /ws (v2 dialect) and /chat (the existing admin front end's dialect) are \
                described in AsyncAPI: docs/asyncapi.yaml in the repository.""");
        return info;
    }
}
