package com.loyalty.chat.localstack;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at {@link LocalStack#shared()}: the environment variables the services' configuration
 * reads are supplied ahead of every other property source, so a developer's real environment cannot leak in. Use with
 * {@code @ContextConfiguration(initializers = LocalStackInitializer.class)}. At the JVM's exit the stack waits for the
 * context to close before it stops, so closing beans can still reach the database and the broker.
 */
public class LocalStackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String PROPERTY_SOURCE_NAME = "localStack";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        LocalStack stack = LocalStack.shared();
        Map<String, Object> properties = new LinkedHashMap<>(stack.connectionEnvironment());
        properties.put("CHAT_JWK_SET_URI", stack.jwkSetUri().toString());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
        stack.retain(context);
        context.addApplicationListener((ApplicationEvent event) -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                stack.release(context);
            }
        });
    }
}
