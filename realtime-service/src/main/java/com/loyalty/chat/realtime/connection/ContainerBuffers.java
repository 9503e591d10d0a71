package com.loyalty.chat.realtime.connection;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.context.ServletContextAware;

/**
 * Sizes the buffers the servlet container's WebSocket container allocates for every connection up front to hold a
 * message, one for binary messages and one for text ({@link ContainerSocketBuffers} sizes the rest). They are kept small; {@link ConnectionHandler} joins a larger frame from its parts
 * and enforces the frame limit itself. This does what Spring's {@code ServletServerContainerFactoryBean} does,
 * without a factory bean that the context would instantiate early, before its properties exist, to learn its type.
 */
@Component
class ContainerBuffers implements ServletContextAware {

    static final int BINARY_BUFFER_SIZE = 128;

    private final ConnectionProperties properties;

    ContainerBuffers(ConnectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        Assert.state(container != null, "The servlet container offers no WebSocket container");
        container.setDefaultMaxTextMessageBufferSize(Math.toIntExact(properties.receiveBufferSize().toBytes()));
        // Binary frames only close the connection (1003): their buffer need not hold more than a control frame.
        container.setDefaultMaxBinaryMessageBufferSize(BINARY_BUFFER_SIZE);
    }
}
