package com.loyalty.chat.stats.projection;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import com.loyalty.chat.stats.StatsProperties;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

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
