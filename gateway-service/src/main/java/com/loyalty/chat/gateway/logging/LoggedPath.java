package com.loyalty.chat.gateway.logging;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The path of a request as logs may show it: without the query string, where WebSocket clients put their token
 * ({@code ?token=}), and without path parameters ({@code ;token=}), which a client could put there as well.
 */
public final class LoggedPath {

    private LoggedPath() {
    }

    public static String of(ServerHttpRequest request) {
        return request.getURI().getRawPath().replaceAll(";[^/]*", "");
    }
}
