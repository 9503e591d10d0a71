package com.loyalty.chat.gateway.apidocs;

import java.net.URI;
import java.util.List;

import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** A route as the gateway's configuration declares it: where it leads and the path patterns that lead there. */
record PublicRoute(URI target, List<PathPattern> patterns) {

    private static final String PATH_PREDICATE = "Path";

    static PublicRoute of(RouteDefinition definition) {
        List<PathPattern> patterns = definition.getPredicates().stream()
                .filter(predicate -> PATH_PREDICATE.equals(predicate.getName()))
                .flatMap(predicate -> predicate.getArgs().values().stream())
                .filter(value -> value.startsWith("/"))
                .map(PathPatternParser.defaultInstance::parse)
                .toList();
        return new PublicRoute(definition.getUri(), patterns);
    }

    static PublicRoute of(URI target, String... patterns) {
        return new PublicRoute(target, List.of(patterns).stream().map(PathPatternParser.defaultInstance::parse)
                .toList());
    }

    /** True for a concrete path (no {@code {variables}}) this route takes. */
    boolean takes(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return patterns.stream().anyMatch(pattern -> pattern.matches(container));
    }

    /** True when this route leads to a service directly (not to a load-balanced group such as realtime nodes). */
    boolean direct() {
        return "http".equals(target.getScheme()) || "https".equals(target.getScheme());
    }
}
