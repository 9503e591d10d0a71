package com.loyalty.chat.message.messaging;

import java.util.concurrent.Executor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Runs asynchronous listeners, which in this service means only the {@link KafkaRelay}, on one thread. Modulith
 * hands each committed publication to the async executor in commit order; with a single thread, the Kafka sends
 * happen in that order too, so each session's MessageStored events normally reach the topic in sequence order.
 * Resubmitted publications can still arrive late, which is why consumers that need exact order use
 * {@code sequence}. One thread keeps up because a publication carries many events, sent together.
 */
@Configuration(proxyBeanMethods = false)
class OrderedExternalization implements AsyncConfigurer, DisposableBean {

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    OrderedExternalization() {
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("outbox-");
        executor.initialize();
    }

    @Override
    public Executor getAsyncExecutor() {
        return executor;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
