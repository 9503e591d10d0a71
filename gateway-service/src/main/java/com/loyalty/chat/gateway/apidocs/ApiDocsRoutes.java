package com.loyalty.chat.gateway.apidocs;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /api/v2/docs}: the merged OpenAPI document; {@code GET /api/v2/docs/ui}: Swagger UI reading it (the
 * swagger-ui webjar, served by Boot at {@code /webjars/swagger-ui/}). Both open without a token.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsRoutes {

    static final String DOCUMENT = "/api/v2/docs";
    static final String UI = "/api/v2/docs/ui";

    @Bean
    RouterFunction<ServerResponse> apiDocsEndpoints(ApiDocs docs) {
        ClassPathResource page = new ClassPathResource("apidocs/swagger-ui.html");
        return route(GET(DOCUMENT), request -> docs.merged()
                        .flatMap(document -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(document)))
                .andRoute(GET(UI).or(GET(UI + "/")), request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML).bodyValue(page));
    }
}
