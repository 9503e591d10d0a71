package com.loyalty.chat.realtime.handshake;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What a connection keeps of its handshake request for as long as it is open, cut down to what the node uses: the
 * servlet container's WebSocket session and Spring's both copy the request's URI, query parameters, headers and
 * principal, so left alone every idle connection would hold its bearer token four or five times over (in the URI, the
 * query string, the parameter map, the verified JWT), every header a browser or the gateway sent (cookies, user
 * agent, {@code X-Forwarded-*}) and the JWT's claim maps. Behind the security filters, once the token is verified,
 * the request to an endpoint is handed on with
 *
 * <ul>
 * <li>no {@code token} query parameter (the node keeps the token once, in {@link ConnectionIdentity});</li>
 * <li>only the headers a WebSocket handshake needs ({@code Host}, {@code Origin}, {@code Upgrade},
 * {@code Connection}, {@code Sec-WebSocket-*}) and {@code X-Request-Id};</li>
 * <li>a principal that is only the user id; the verified token itself stays in the security context, where
 * {@link ConnectionRoleInterceptor} reads it during the handshake.</li>
 * </ul>
 *
 * The access log and the security filters see the request as it came.
 */
final class LeanHandshakeRequest extends HttpServletRequestWrapper {

    private static final Set<String> KEPT_HEADERS = Set.of("host", "origin", "upgrade", "connection",
            "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-dialect",
            "x-request-id");

    private final String queryString;
    private final Map<String, String[]> parameters;
    private final Map<String, List<String>> headers;
    private final Principal principal;

    private LeanHandshakeRequest(HttpServletRequest request) {
        super(request);
        this.queryString = withoutToken(request.getQueryString());
        Map<String, String[]> kept = new LinkedHashMap<>(request.getParameterMap());
        kept.remove(QueryParameterTokenResolver.PARAMETER);
        this.parameters = Collections.unmodifiableMap(kept);
        Map<String, List<String>> keptHeaders = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                keptHeaders.put(name, Collections.list(request.getHeaders(name)));
            }
        }
        this.headers = keptHeaders;
        Principal verified = request.getUserPrincipal();
        this.principal = verified == null ? null : new UserIdPrincipal(verified.getName());
    }

    /** The user id as the token's subject says; nothing else of the token. */
    record UserIdPrincipal(String getName) implements Principal {
    }

    /** Wraps requests to the WebSocket endpoints; runs after the security filters. */
    static final class Filter extends OncePerRequestFilter {

        private final Set<String> endpoints;

        Filter(Set<String> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !endpoints.contains(request.getRequestURI());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            chain.doFilter(new LeanHandshakeRequest(request), response);
        }
    }

    static String withoutToken(String query) {
        if (query == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!name.equals(QueryParameterTokenResolver.PARAMETER) && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    @Override
    public String getQueryString() {
        return queryString;
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return parameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = valuesOf(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(valuesOf(name));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public long getDateHeader(String name) {
        return KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? super.getDateHeader(name) : -1;
    }

    @Override
    public int getIntHeader(String name) {
        return KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? super.getIntHeader(name) : -1;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    private List<String> valuesOf(String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return List.of();
    }
}
