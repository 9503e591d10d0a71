package com.loyalty.chat.realtime.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.RealtimeServiceApplication;

/**
 * Realtime nodes started by a test itself, beside the test's own context ("node-a"): {@link #shared()} is "node-b",
 * started once per JVM for every two-node test and closed when the JVM exits.
 */
public final class SecondNode {

    private static ConfigurableApplicationContext shared;

    private SecondNode() {
    }

    /** The port of node B. */
    public static synchronized int shared() {
        if (shared == null) {
            shared = start("node-b");
        }
        return portOf(shared);
    }

    /** A node of its own, for a test that stops it. */
    public static ConfigurableApplicationContext start(String nodeId, String... properties) {
        String[] arguments = new String[properties.length + 2];
        arguments[0] = "--server.port=0";
        arguments[1] = "--chat.realtime.node.id=" + nodeId;
        for (int i = 0; i < properties.length; i++) {
            arguments[i + 2] = "--" + properties[i];
        }
        return new SpringApplicationBuilder(RealtimeServiceApplication.class)
                .initializers(new LocalStackInitializer(), new Stubs(), SecondNode::ownEventLoops)
                .run(arguments);
    }

    /**
     * Each node of the JVM with Reactor Netty event loops of its own, as a test's own context has them: by default a
     * node takes the JVM's global ones and disposes of them when it closes, which would take every other node's
     * sockets with them. A node is alone in its JVM everywhere but here.
     */
    private static void ownEventLoops(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ReactorResourceFactory resources) {
                    resources.setUseGlobalResources(false);
                }
                return bean;
            }
        });
    }

    public static int portOf(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
