package com.loyalty.chat.chassis.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares topics the one way every service does. A service declares what it writes and what it reads, so that it
 * never subscribes to a missing topic when it starts before the producer; creating an existing topic is a no-op, so
 * whichever service starts first decides the layout, and every declaration takes its partitions from the one setting
 * {@code chat.kafka.topics.partitions}.
 */
public final class TopicDeclarations {

    private final int partitions;

    TopicDeclarations(int partitions) {
        this.partitions = partitions;
    }

    public NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(partitions).build();
    }

    /**
     * A topic whose history is kept forever: stats-service rebuilds its projection by replaying it. Where another
     * service created it first with the broker's default retention, the owner corrects it: the owner's admin needs
     * {@code spring.kafka.admin.modify-topic-configs}.
     */
    public NewTopic keptForever(String name) {
        return TopicBuilder.name(name).partitions(partitions).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }
}
