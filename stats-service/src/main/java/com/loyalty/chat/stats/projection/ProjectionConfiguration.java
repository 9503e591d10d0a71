package com.loyalty.chat.stats.projection;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.backoff.ExponentialBackOff;

import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.stats.StatsProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

    @Bean
    DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaOperations<Object, Object> kafka) {
        return new DeadLetterPublishingRecoverer(kafka,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    }

    /**
     * Unreadable records never reach the error handler (the listener dead-letters them), so what does is the
     * database or broker being away: retry the batch, backing off, for as long as it takes.
     */
    @Bean
    DefaultErrorHandler retryUntilTheDatabaseAnswers() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return new DefaultErrorHandler(backOff);
    }

    @Bean
    ProcessedEventPruner processedEventPruner(StatsProjection projection, StatsProperties properties, Clock clock) {
        return new ProcessedEventPruner(projection, properties, clock);
    }

    /** Redeliveries arrive within minutes; ids older than the retention only take space. */
    static class ProcessedEventPruner {

        private final StatsProjection projection;
        private final StatsProperties properties;
        private final Clock clock;

        ProcessedEventPruner(StatsProjection projection, StatsProperties properties, Clock clock) {
            this.projection = projection;
            this.properties = properties;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
        void prune() {
            Instant cutoff = clock.instant().minus(properties.processedEventRetention());
            int pruned = projection.forgetEventsProcessedBefore(cutoff);
            if (pruned > 0) {
                log.info("Forgot {} processed event ids older than {}", pruned, cutoff);
            }
        }
    }
}
