package com.loyalty.chat.gateway.apidocs;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every service a route leads to for its OpenAPI document, each time, so the description is the running
 * services' own; a service that does not answer is left out and named in {@code x-unavailable-services}.
 */
@Component
class ApiDocs {

    private static final Logger log = LoggerFactory.getLogger(ApiDocs.class);
    private static final String SERVICE_DOCUMENT = "/v3/api-docs";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    /** WebClient's default of 256 KB would cut a service's document off as its API grows. */
    private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    private final RouteDefinitionLocator definitions;
    private final JsonMapper json;
    private final WebClient http = WebClient.builder()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
            .build();

    ApiDocs(RouteDefinitionLocator definitions, JsonMapper json) {
        this.definitions = definitions;
        this.json = json;
    }

    Mono<String> merged() {
        return definitions.getRouteDefinitions()
                // Routing tries routes by order, then as declared; the merge must see them the same way.
                .sort((a, b) -> Integer.compare(orderOf(a), orderOf(b)))
                .map(PublicRoute::of)
                .collectList()
                .flatMap(routes -> Flux.fromIterable(routes)
                        .filter(PublicRoute::direct)
                        .map(PublicRoute::target)
                        .distinct()
                        .flatMapSequential(this::fetch)
                        .collectList()
                        .map(documents -> new OpenApiMerge(routes).merge(documents)))
                .map(json::writeValueAsString);
    }

    private Mono<OpenApiMerge.ServiceDocument> fetch(URI target) {
        return http.get().uri(target.resolve(SERVICE_DOCUMENT))
                .retrieve()
                .bodyToMono(String.class)
                .timeout(FETCH_TIMEOUT)
                .map(body -> {
                    JsonNode document = json.readTree(body);
                    String service = document.path("info").path("title").asString(target.toString());
                    return new OpenApiMerge.ServiceDocument(service, target, Optional.of(document));
                })
                .onErrorResume(failure -> {
                    log.warn("No OpenAPI document from {}: {}", target, failure.toString());
                    return Mono.just(new OpenApiMerge.ServiceDocument(target.toString(), target, Optional.empty()));
                });
    }

    private static int orderOf(RouteDefinition definition) {
        return definition.getOrder() == Ordered.LOWEST_PRECEDENCE ? Integer.MAX_VALUE : definition.getOrder();
    }
}
