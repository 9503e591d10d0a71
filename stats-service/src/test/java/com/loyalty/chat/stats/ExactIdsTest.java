package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.stats.figures.Scope;
import com.loyalty.chat.stats.figures.Stats;
import com.loyalty.chat.stats.figures.StatsQueries;

/**
 * Ids that differ only in case or accents are different ids (the contract compares them byte for byte), and an id is
 * never cut to fit. Each test writes on days of its own, which no other test touches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class ExactIdsTest {

    private static final long ANY_ADMIN = 31;

    @Autowired
    StatsQueries queries;

    @Test
    void eventIdsDifferingOnlyInCaseOrAccentAreDifferentEvents() {
        String session = "session_ids_" + UUID.randomUUID();
        String eventId = "evt-" + UUID.randomUUID();
        new EventScript()
                .userMessageWithEventId(session, eventId + "-e", "2023-02-03T02:00:00Z")
                .userMessageWithEventId(session, eventId.toUpperCase(Locale.ROOT) + "-E", "2023-02-03T02:00:01Z")
                .userMessageWithEventId(session, eventId + "-é", "2023-02-03T02:00:02Z")
                .deliver(1);

        awaitFigures(LocalDate.parse("2023-02-03"), stats -> stats.todayMessages() == 3);
    }

    @Test
    void anEventIdRepeatedWithTrailingSpacesCountsOnceAndHoldsNothingUp() {
        String session = "session_ids_" + UUID.randomUUID();
        String eventId = "evt-" + UUID.randomUUID();
        new EventScript()
                .userMessageWithEventId(session, eventId, "2023-02-07T02:00:00Z")
                .deliver(1);
        awaitFigures(LocalDate.parse("2023-02-07"), stats -> stats.todayMessages() == 1);

        // The column's collation ignores trailing spaces: the same id to the database, so a redelivery.
        new EventScript()
                .userMessageWithEventId(session, eventId + "  ", "2023-02-07T02:00:01Z")
                .userMessageWithEventId(session, "evt-" + UUID.randomUUID(), "2023-02-08T02:00:00Z")
                .deliver(1);

        awaitFigures(LocalDate.parse("2023-02-08"), stats -> stats.todayMessages() == 1);
        LocalDate first = LocalDate.parse("2023-02-07");
        assertThat(queries.daily(first, first, Scope.ALL, ANY_ADMIN).getFirst().stats().todayMessages()).isEqualTo(1);
    }

    @Test
    void sessionIdsDifferingOnlyInCaseOrAccentAreDifferentSessions() {
        String session = "session_ids_" + UUID.randomUUID();
        EventScript script = new EventScript();
        for (String id : List.of(session + "_e", session.toUpperCase(Locale.ROOT) + "_E", session + "_é")) {
            // Closed again at once: the live queue every test shares stays as it was.
            script.opened(id, 1, "2023-02-04T02:00:00Z")
                    .status(id, 2, SessionStatus.WAITING, SessionStatus.CLOSED, ANY_ADMIN, "2023-02-04T02:00:01Z");
        }
        script.deliver(1);

        awaitFigures(LocalDate.parse("2023-02-04"), stats -> stats.totalSessions() == 3);
    }

    @Test
    void anEventIdTooLongToKeepIsRefusedRatherThanCutShort() {
        String session = "session_ids_" + UUID.randomUUID();
        String longId = "evt-" + "x".repeat(60);
        new EventScript()
                .userMessageWithEventId(session, longId + "-1", "2023-02-05T02:00:00Z")
                .userMessageWithEventId(session, longId + "-2", "2023-02-05T02:00:01Z")
                .userMessageWithEventId(session, "evt-" + UUID.randomUUID(), "2023-02-06T02:00:00Z")
                .deliver(1);

        awaitFigures(LocalDate.parse("2023-02-06"), stats -> stats.todayMessages() == 1);
        LocalDate cut = LocalDate.parse("2023-02-05");
        assertThat(queries.daily(cut, cut, Scope.ALL, ANY_ADMIN).getFirst().stats().todayMessages()).isZero();
    }

    private void awaitFigures(LocalDate day, Predicate<Stats> expected) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> queries.daily(day, day, Scope.ALL, ANY_ADMIN).getFirst().stats(), expected);
    }
}
