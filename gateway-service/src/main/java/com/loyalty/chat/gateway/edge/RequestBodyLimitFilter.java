package com.loyalty.chat.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.loyalty.chat.chassis.webflux.EnvelopeResponses;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses a request body over {@code chat.gateway.max-request-body} with 413/4013 before a service reads it: the
 * services parse a JSON body whole, so without a bound one request could fill a service's heap. A declared
 * {@code Content-Length} over the bound is refused at once, before the token is checked; a body without one (chunked)
 * is counted as it streams to the service and cut off where it passes the bound, and the gateway's error handler
 * answers 413/4013 in its place. The envelope's code and text are the chassis's for any 413.
 */
@Component
class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final EnvelopeResponses envelopes;

    RequestBodyLimitFilter(EdgeProperties properties, EnvelopeResponses envelopes) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.envelopes = envelopes;
    }

    /** After CORS, ahead of the security chain (-100): a refused body costs no token check. */
    @Override
    public int getOrder() {
        return CorsPolicy.CorsFilter.ORDER + 50;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return envelopes.write(exchange, new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE));
        }
        if (declared >= 0 || !mayStreamABody(request)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(new Counted(request, maxBytes)).build());
    }

    /** A WebSocket upgrade or another GET goes on as it came, without a counter around a body it does not have. */
    private static boolean mayStreamABody(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return request.getHeaders().getFirst(HttpHeaders.TRANSFER_ENCODING) != null
                || HttpMethod.POST.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.PATCH.equals(method);
    }

    /** A body without a declared length, failing with 413 once more than the bound has come. */
    private static final class Counted extends ServerHttpRequestDecorator {

        private final long maxBytes;

        Counted(ServerHttpRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
