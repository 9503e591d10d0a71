package com.loyalty.chat.gateway.routing;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;

/**
 * A stand-in realtime node. An accepting one greets each connection with "name query=… requestId=…", echoes text
 * frames as "echo:…", and closes with the code a client asks for ("close:1012"); a refusing one answers every
 * handshake with the status it was given and {@code Retry-After: 7}.
 */
final class StubNode implements AutoCloseable {

    static final String SUBPROTOCOL = "chat.v2";

    private final AtomicInteger handshakes = new AtomicInteger();
    private final DisposableServer server;

    private StubNode(String host, int port, String name, int refusal) {
        this.server = HttpServer.create().host(host).port(port)
                .handle((request, response) -> {
                    handshakes.incrementAndGet();
                    if (refusal != 0) {
                        return response.status(refusal).header("Retry-After", "7")
                                .sendString(Mono.just("{\"code\":5003}"));
                    }
                    String greeting = name + " query=" + URI.create(request.uri()).getRawQuery()
                            + " requestId=" + request.requestHeaders().get("X-Request-Id");
                    return response.sendWebsocket((in, out) -> out.sendString(Flux.concat(Mono.just(greeting),
                                    in.receive().asString().concatMap(text -> text.startsWith("close:")
                                            ? out.sendClose(Integer.parseInt(text.substring(6)), "asked").then(Mono.<String>empty())
                                            : Mono.just("echo:" + text)))),
                            // Reactor Netty runs no handler when it offers subprotocols and the client asked for none.
                            request.requestHeaders().contains("Sec-WebSocket-Protocol")
                                    ? WebsocketServerSpec.builder().protocols(SUBPROTOCOL).build()
                                    : WebsocketServerSpec.builder().build());
                })
                .bindNow();
    }

    static StubNode accepting(String name) {
        return new StubNode("127.0.0.1", 0, name, 0);
    }

    static StubNode accepting(String name, String host, int port) {
        return new StubNode(host, port, name, 0);
    }

    static StubNode refusing(int status) {
        return new StubNode("127.0.0.1", 0, "refusing", status);
    }

    URI url() {
        return URI.create("http://" + server.host() + ":" + server.port());
    }

    int port() {
        return server.port();
    }

    int handshakes() {
        return handshakes.get();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
