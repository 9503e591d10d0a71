package com.loyalty.chat.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageType;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.stats.figures.Scope;
import com.loyalty.chat.stats.figures.StatsQueries;

import tools.jackson.databind.json.JsonMapper;

/**
 * An event missing what its figures depend on is dead-lettered, not folded in with a guess; the events after it still
 * count. Each test writes on days of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = LocalStackInitializer.class)
class IncompleteEventsTest {

    private static final long ANY_ADMIN = 31;
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @Autowired
    StatsQueries queries;

    @Test
    void aMessageWithoutASenderTypeIsRefusedRatherThanCountedAsAnAdminsReply() {
        String session = "session_incomplete_" + UUID.randomUUID();
        String withoutSenderType = JSON.writeValueAsString(new MessageEvent.MessageStored(1,
                UUID.randomUUID().toString(), session, Instant.parse("2023-03-01T02:00:00Z"), "msg_1_00000001", 1, 77,
                null, "n", null, "hello", MessageType.TEXT, null, List.of(), 100, null));
        new EventScript()
                .poison(session, withoutSenderType)
                .userMessage(session, null, "2023-03-02T02:00:00Z")
                .deliver(1);

        await().atMost(Duration.ofSeconds(60)).until(() -> messagesOn(LocalDate.parse("2023-03-02")) == 1);
        assertThat(messagesOn(LocalDate.parse("2023-03-01"))).isZero();
    }

    private long messagesOn(LocalDate day) {
        return queries.daily(day, day, Scope.ALL, ANY_ADMIN).getFirst().stats().todayMessages();
    }
}
