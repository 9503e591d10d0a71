package com.loyalty.chat.gateway.routing;

import java.net.InetAddress;
import java.util.List;

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
 * it keeps answers for 30 s whatever their TTL, so a new node behind a headless Service would wait that long.
 */
class DnsNodeAddresses implements NodeAddresses, DisposableBean {

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final DnsNameResolver resolver = new DnsNameResolverBuilder(loop.next())
            .datagramChannelType(NioDatagramChannel.class)
            .resolveCache(NoopDnsCache.INSTANCE)
            .build();

    @Override
    public Mono<List<InetAddress>> resolveAll(String host) {
        return Mono.create(sink -> resolver.resolveAll(host).addListener(done -> {
            if (done.isSuccess()) {
                @SuppressWarnings("unchecked")
                List<InetAddress> addresses = (List<InetAddress>) done.getNow();
                sink.success(addresses);
            } else {
                sink.error(done.cause());
            }
        }));
    }

    @Override
    public void destroy() {
        resolver.close();
        loop.shutdownGracefully();
    }
}
