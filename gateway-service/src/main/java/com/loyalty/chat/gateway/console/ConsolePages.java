package com.loyalty.chat.gateway.console;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import reactor.core.publisher.Mono;

/**
 * The console's files, same origin as the API so the pages need no CORS. Security lets these paths through like any
 * path outside the contract; a file that does not exist still falls through to the unknown path's 404/4004.
 * Browsers revalidate every file ({@code no-cache}, answered 304 while unchanged), so a new gateway build is seen at
 * the next load, without a build step that would fingerprint file names.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebFluxConfigurer {

    private static final String[] APPS = {"console", "diner"};

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        for (String app : APPS) {
            registry.addResourceHandler("/" + app + "/**")
                    .addResourceLocations("classpath:/static/" + app + "/")
                    .setCacheControl(CacheControl.noCache());
        }
    }

    /** {@code /console/} answers the console's index page; {@code /console} redirects there, so relative links work. */
    @Bean
    RouterFunction<ServerResponse> consoleIndexPages() {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (String app : APPS) {
            Resource index = new ClassPathResource("static/" + app + "/index.html");
            routes.GET("/" + app, request -> ServerResponse.permanentRedirect(URI.create("/" + app + "/")).build())
                    .GET("/" + app + "/", request -> page(index));
        }
        return routes.build();
    }

    private static Mono<ServerResponse> page(Resource index) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache())
                .bodyValue(index);
    }
}
