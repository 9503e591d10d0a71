package com.loyalty.chat.stats;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone whose calendar day "today" is
 * @param maxDailyRangeDays the longest range one daily request may ask for
 * @param processedEventRetention how long applied event ids are remembered; redeliveries come much sooner
 * @param rebuildOnStart empty the projection and replay both topics from their beginning (one replica only)
 */
@ConfigurationProperties("chat.stats")
public record StatsProperties(@DefaultValue("Asia/Shanghai") ZoneId zone,
                              @DefaultValue("92") int maxDailyRangeDays,
                              @DefaultValue("7d") Duration processedEventRetention,
                              @DefaultValue("false") boolean rebuildOnStart) {
}
