package com.loyalty.chat.realtime.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes what Tomcat allocates for every connection up front and keeps while it is idle: the NIO endpoint's read and
 * write buffers ({@code socket.appReadBufSize}, {@code socket.appWriteBufSize}, 8 KB each by default) and its
 * WebSocket implementation's three I/O buffers ({@code org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE}, 8 KB each).
 * Measured on an idle node, those 40 KB were most of a connection's heap (bench/connections.sh). Smaller buffers
 * cost more system calls and fragments for a large frame, which is rare; they cost nothing for an idle connection.
 *
 * <p>Tomcat reads the WebSocket buffer size once per JVM, from a system property, when its WebSocket classes load:
 * this runs while the web server is being created, before they do. A property set on the command line wins.
 */
@Component
class ContainerSocketBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String WEBSOCKET_BUFFER_SIZE = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    private static final Logger log = LoggerFactory.getLogger(ContainerSocketBuffers.class);

    private final ConnectionProperties properties;

    ContainerSocketBuffers(ConnectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        String containerBuffer = Long.toString(properties.containerBufferSize().toBytes());
        if (System.getProperty(WEBSOCKET_BUFFER_SIZE) == null) {
            System.setProperty(WEBSOCKET_BUFFER_SIZE, containerBuffer);
        }
        String socketBuffer = Long.toString(properties.socketBufferSize().toBytes());
        factory.addConnectorCustomizers(connector -> {
            if (!connector.setProperty("socket.appReadBufSize", socketBuffer)
                    || !connector.setProperty("socket.appWriteBufSize", socketBuffer)) {
                log.warn("Tomcat's connector took no socket buffer size; its defaults (8 KB each) stay");
            }
        });
    }
}
