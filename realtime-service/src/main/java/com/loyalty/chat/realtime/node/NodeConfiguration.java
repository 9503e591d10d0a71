package com.loyalty.chat.realtime.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeProperties.class)
class NodeConfiguration {

    /**
     * The configured id, else host name and port. A random port (0) is not known yet when consumers are created, and
     * two nodes on one host would share "host-0", so that case gets a random suffix instead.
     */
    @Bean
    NodeId nodeId(NodeProperties properties, Environment environment) {
        if (!properties.id().isBlank()) {
            return new NodeId(properties.id().strip());
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        String suffix = port != 0
                ? Integer.toString(port)
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return new NodeId(hostName() + "-" + suffix);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
