package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TopicReader;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.Topics;
import com.loyalty.chat.localstack.LocalStack;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.stats.figures.Scope;
import com.loyalty.chat.stats.figures.Stats;
import com.loyalty.chat.stats.figures.StatsQueries;

/**
 * A scripted day in Asia/Shanghai, delivered twice over real Kafka into the real database: every figure of the
 * contract, for one admin and for everyone. "Now" is 2025-08-12 18:00 in Shanghai.
 */
@SpringBootTest
@ContextConfiguration(initializers = LocalStackInitializer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TodayStatsTest {

    private static final Instant NOW = Instant.parse("2025-08-12T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2025-08-12");
    private static final long ME = 31;
    private static final long OTHER_ADMIN = 32;

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    StatsQueries queries;

    @BeforeAll
    void deliverTheDayTwiceAndAPoisonRecord() {
        EventScript day = new EventScript()
                // S1: opened today, answered twice by me (45 s, then 120 s), closed, rated 5.
                .opened("s1", 1, "2025-08-12T01:00:00Z")
                .userMessage("s1", null, "2025-08-12T01:00:10Z")
                .status("s1", 2, SessionStatus.WAITING, SessionStatus.ASSIGNED, ME, "2025-08-12T01:00:20Z")
                .adminMessage("s1", ME, "2025-08-12T01:00:55Z")
                .status("s1", 3, SessionStatus.ASSIGNED, SessionStatus.ACTIVE, ME, "2025-08-12T01:00:56Z")
                .userMessage("s1", ME, "2025-08-12T01:10:00Z")
                .adminMessage("s1", ME, "2025-08-12T01:12:00Z")
                .status("s1", 4, SessionStatus.ACTIVE, SessionStatus.CLOSED, ME, "2025-08-12T02:00:00Z")
                .rated("s1", 5, ME, 5, "2025-08-12T02:01:00Z")
                // S2: opened today, still in the shared queue.
                .opened("s2", 1, "2025-08-12T03:00:00Z")
                .userMessage("s2", null, "2025-08-12T03:00:05Z")
                // S3: opened yesterday 23:30 Shanghai, asked at 23:59, answered by me at 00:01 today (crosses midnight).
                .opened("s3", 1, "2025-08-11T15:30:00Z")
                .status("s3", 2, SessionStatus.WAITING, SessionStatus.ASSIGNED, ME, "2025-08-11T15:58:00Z")
                .userMessage("s3", ME, "2025-08-11T15:59:00Z")
                .adminMessage("s3", ME, "2025-08-11T16:01:00Z")
                // S4: opened today, held by another admin, who never answered; rated 3.
                .opened("s4", 1, "2025-08-12T04:00:00Z")
                .status("s4", 2, SessionStatus.WAITING, SessionStatus.ASSIGNED, OTHER_ADMIN, "2025-08-12T04:00:10Z")
                .userMessage("s4", OTHER_ADMIN, "2025-08-12T04:01:00Z")
                .rated("s4", 3, OTHER_ADMIN, 3, "2025-08-12T05:00:00Z")
                .poison("s2", "{not json");

        day.deliver(2);
        awaitEverythingConsumed();
    }

    @Test
    void countsMyFiguresForToday() {
        Stats mine = queries.today(Scope.MINE, ME);

        assertThat(mine.totalSessions()).isEqualTo(1);
        assertThat(mine.completedSessions()).isEqualTo(1);
        assertThat(mine.activeSessions()).as("s3 is held by me").isEqualTo(1);
        assertThat(mine.waitingSessions()).as("the shared queue, whatever the scope").isEqualTo(1);
        assertThat(mine.todayMessages()).as("s1 after assignment (3) and my reply to s3 after midnight")
                .isEqualTo(4);
        assertThat(mine.avgResponseTimeSeconds()).as("(45 + 120 + 120) / 3").isEqualTo(95);
        assertThat(mine.avgResponseTime()).isEqualTo("2分钟");
        assertThat(mine.customerSatisfaction()).isEqualByComparingTo(new BigDecimal("5"));
        assertThat(mine.responseRate()).isEqualTo(100);
    }

    @Test
    void countsEveryonesFiguresForToday() {
        Stats all = queries.today(Scope.ALL, ME);

        assertThat(all.totalSessions()).isEqualTo(3);
        assertThat(all.completedSessions()).isEqualTo(1);
        assertThat(all.activeSessions()).isEqualTo(2);
        assertThat(all.waitingSessions()).isEqualTo(1);
        assertThat(all.todayMessages()).isEqualTo(7);
        assertThat(all.avgResponseTimeSeconds()).isEqualTo(95);
        assertThat(all.customerSatisfaction()).isEqualByComparingTo(new BigDecimal("4"));
        assertThat(all.responseRate()).as("s1 of s1, s2, s4 got a reply").isEqualTo(33);
    }

    @Test
    void countsYesterdayOnItsOwnRowWithoutLiveFigures() {
        List<StatsQueries.DayStats> days = queries.daily(LocalDate.parse("2025-08-11"), TODAY, Scope.MINE, ME);

        assertThat(days).extracting(StatsQueries.DayStats::date).containsExactly(LocalDate.parse("2025-08-11"), TODAY);
        Stats yesterday = days.getFirst().stats();
        assertThat(yesterday.totalSessions()).isEqualTo(1);
        assertThat(yesterday.todayMessages()).as("the 23:59 question").isEqualTo(1);
        assertThat(yesterday.avgResponseTimeSeconds()).as("the answer came after midnight").isNull();
        assertThat(yesterday.responseRate()).isEqualTo(100);
        assertThat(yesterday.activeSessions()).isNull();
        assertThat(yesterday.waitingSessions()).isNull();
        assertThat(days.getLast().stats()).isEqualTo(queries.today(Scope.MINE, ME));
    }

    @Test
    void answersAnEmptyDayWithZerosAndNoData() {
        Stats empty = queries.daily(LocalDate.parse("2025-08-01"), LocalDate.parse("2025-08-01"), Scope.ALL, ME)
                .getFirst().stats();

        assertThat(empty).isEqualTo(new Stats(0, 0, null, null, 0, "暂无数据", null, null, 0));
    }

    @Test
    void refusesRangesLongerThan92DaysOrBackwards() {
        assertThat(queries.daily(TODAY.minusDays(91), TODAY, Scope.ALL, ME)).hasSize(92);
        assertThatThrownBy(() -> queries.daily(TODAY.minusDays(92), TODAY, Scope.ALL, ME))
                .isInstanceOf(ChatException.class);
        assertThatThrownBy(() -> queries.daily(TODAY, TODAY.minusDays(1), Scope.ALL, ME))
                .isInstanceOf(ChatException.class);
    }

    @Test
    void sendsTheUnreadableRecordToTheDeadLetterTopic() {
        try (TopicReader<String> deadLetters = TopicReader.fromBeginning(LocalStack.shared().kafkaBootstrapServers(),
                Topics.deadLetterOf(Topics.MESSAGE_EVENTS))) {
            deadLetters.awaitRecord(record -> "{not json".equals(record.value()));
        }
    }

    /** Waits until the stats consumer group has committed every record of both topics. */
    private static void awaitEverythingConsumed() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStack.shared().kafkaBootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("stats-service").partitionsToOffsetAndMetadata().get();
                var partitions = admin.describeTopics(List.of(Topics.SESSION_EVENTS, Topics.MESSAGE_EVENTS))
                        .allTopicNames().get().values().stream()
                        .flatMap(topic -> topic.partitions().stream()
                                .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
                return admin.listOffsets(partitions).all().get().entrySet().stream()
                        .allMatch(end -> end.getValue().offset() == 0 || (committed.containsKey(end.getKey())
                                && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            });
        }
    }
}
