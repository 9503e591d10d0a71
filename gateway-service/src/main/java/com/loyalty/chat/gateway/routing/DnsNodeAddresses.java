package com.loyalty.chat.gateway.routing;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.NoopDnsCache;
import reactor.core.publisher.Mono;

/**
 * Asks the DNS servers of {@code /etc/resolv.conf} (search domains included) with Netty's resolver. Not the JDK's:
 * it keeps every answer 30 s whatever its TTL, so a new node behind a headless Service would wait that long. Its
 * thread starts with the first lookup, so a gateway on a fixed node list has none.
 */
class DnsNodeAddresses implements NodeAddresses, DisposableBean {

    private @Nullable EventLoopGroup loop;
    private @Nullable DnsNameResolver resolver;

    @Override
    public Mono<List<InetAddress>> resolveAll(String host) {
        DnsNameResolver current = resolver();
        return Mono.create(sink -> current.resolveAll(host).addListener(done -> {
            if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> addresses = (List<InetAddress>) done.getNow();
                sink.success(addresses);
            } else {
                sink.error(done.cause());
            }
        }));
    }

    private synchronized DnsNameResolver resolver() {
        if (resolver == null) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
            loop = group;
            resolver = new DnsNameResolverBuilder(group.next())
                    .datagramChannelType(NioDatagramChannel.class)
                    .resolveCache(NoopDnsCache.INSTANCE)
                    .build();
        }
        return resolver;
    }

    @Override
    public synchronized void destroy() {
        if (resolver != null) {
            resolver.close();
        }
        if (loop != null) {
            loop.shutdownGracefully();
        }
    }
}
