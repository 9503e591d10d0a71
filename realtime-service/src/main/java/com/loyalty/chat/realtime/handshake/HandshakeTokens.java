package com.loyalty.chat.realtime.handshake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Browsers cannot set headers on a WebSocket handshake, so the token travels as {@code ?token=}. Reactor Netty keeps
 * the handshake request (its URI, its headers) with every upgraded connection for as long as it is open: left there,
 * every idle connection would hold its bearer token once more, and every log of the URI would show it. So the token leaves the URI of a request to an endpoint as soon
 * as Netty has decoded the request, before Reactor Netty sees it, and waits on the channel until the handshake takes
 * it ({@link #take}); the node then keeps it once, in {@link ConnectionIdentity}.
 */
final class HandshakeTokens {

    static final String PARAMETER = "token";

    private static final Logger log = LoggerFactory.getLogger(HandshakeTokens.class);
    private static final AttributeKey<String> TOKEN = AttributeKey.valueOf(HandshakeTokens.class.getName());

    private HandshakeTokens() {
    }

    /** Puts {@link Stripper} right behind Netty's HTTP decoder. */
    static NettyServerCustomizer stripping(Set<String> endpoints) {
        Stripper stripper = new Stripper(endpoints);
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, Stripper.NAME, stripper);
            } else {
                log.warn("No HTTP/1.1 codec on {}: handshake tokens stay in the URI", channel);
            }
        });
    }

    /** The bearer token that {@link Stripper} took out of this request's URI, handed over once; else null. */
    static @Nullable String take(HttpServerRequest request) {
        AtomicReference<String> token = new AtomicReference<>();
        request.withConnection(connection -> token.set(connection.channel().attr(TOKEN).getAndSet(null)));
        String taken = token.get();
        return taken == null || taken.isBlank() ? null : taken.strip();
    }

    /** The query string without its {@code token} parameter, null when nothing else is left. */
    static @Nullable String withoutToken(@Nullable String query) {
        if (query == null) {
            return null;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!name.equals(PARAMETER) && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? null : String.join("&", kept);
    }

    @ChannelHandler.Sharable
    static final class Stripper extends ChannelInboundHandlerAdapter {

        static final String NAME = "chat.handshakeTokens";

        private final Set<String> endpoints;

        Stripper(Set<String> endpoints) {
            this.endpoints = endpoints;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof HttpRequest request) {
                strip(context, request);
            }
            context.fireChannelRead(message);
        }

        private void strip(ChannelHandlerContext context, HttpRequest request) {
            // A request before this one on a kept-alive connection may have left a token nobody took.
            if (context.channel().hasAttr(TOKEN)) {
                context.channel().attr(TOKEN).set(null);
            }
            String uri = request.uri();
            int query = uri.indexOf('?');
            if (query < 0 || !endpoints.contains(uri.substring(0, query))) {
                return;
            }
            List<String> tokens = new QueryStringDecoder(uri).parameters().get(PARAMETER);
            if (tokens == null) {
                return;
            }
            context.channel().attr(TOKEN).set(tokens.getFirst());
            String rest = withoutToken(uri.substring(query + 1));
            request.setUri(rest == null ? uri.substring(0, query) : uri.substring(0, query + 1) + rest);
        }
    }
}
