package com.loyalty.chat.gateway.routing;

import java.net.InetAddress;
import java.util.List;

import reactor.core.publisher.Mono;

/** Every address a host name resolves to, asked afresh each time (no cache in between). */
interface NodeAddresses {

    Mono<List<InetAddress>> resolveAll(String host);
}
