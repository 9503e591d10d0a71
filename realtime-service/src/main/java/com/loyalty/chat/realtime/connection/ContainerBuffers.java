package com.loyalty.chat.realtime.connection;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.web.context.ServletContextAware;

/**
 * Sets the frame limit on the servlet container's WebSocket container, which then closes a connection with 1009
 * rather than buffer a larger frame. This does what Spring's {@code ServletServerContainerFactoryBean} does, without
 * a factory bean that the context would instantiate early, before its properties exist, to learn its type.
 */
@Component
class ContainerFrameLimit implements ServletContextAware {

    private final ConnectionProperties properties;

    ContainerFrameLimit(ConnectionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void setServletContext(ServletContext servletContext) {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        Assert.state(container != null, "The servlet container offers no WebSocket container");
        int maxFrameSize = Math.toIntExact(properties.maxFrameSize().toBytes());
        container.setDefaultMaxTextMessageBufferSize(maxFrameSize);
        container.setDefaultMaxBinaryMessageBufferSize(maxFrameSize);
    }
}
