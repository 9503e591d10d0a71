package com.loyalty.chat.realtime.connection;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.context.ServletContextAware;

/**
 * Sizes the buffers the servlet container's WebSocket container allocates for every connection up front, one for
 * bytes and one for characters. They are kept small; {@link ConnectionHandler} joins a larger frame from its parts
 * and enforces the frame limit itself. This does what Spring's {@code ServletServerContainerFactoryBean} does,
 * without a factory bean that the context would instantiate early, before its properties exist, to learn its type.
 */
@Component
class ContainerBuffers implements ServletContextAware {

    private final ConnectionProperties properties;

    ContainerBuffers(ConnectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        Assert.state(container != null, "The servlet container offers no WebSocket container");
        int receiveBufferSize = Math.toIntExact(properties.receiveBufferSize().toBytes());
        container.setDefaultMaxTextMessageBufferSize(receiveBufferSize);
        container.setDefaultMaxBinaryMessageBufferSize(receiveBufferSize);
    }
}
