package com.loyalty.chat.bench.adminlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SeedPlanTest {

    private final SeedPlan plan = new SeedPlan(1000, 4, 5, 1_750_000_000_000L);

    @Test
    void everyUserHasExactlyOneOpenSessionAndWaitingSessionsHaveNoAdmin() {
        Set<Long> usersWithOpenSession = new HashSet<>();
        for (long session = 0; session < plan.sessions(); session++) {
            SeedPlan.Status status = plan.status(session);
            if (status != SeedPlan.Status.CLOSED) {
                assertThat(usersWithOpenSession.add(plan.userOf(session))).isTrue();
            }
            assertThat(plan.adminOf(session) == null).isEqualTo(status == SeedPlan.Status.WAITING);
        }
        assertThat(usersWithOpenSession).hasSize((int) plan.users());
        assertThat(plan.sessions() - plan.closedSessions()).isEqualTo(plan.users());
    }

    @Test
    void idsAreUniqueSoUniqueChecksCanBeSwitchedOff() {
        Set<String> sessionIds = new HashSet<>();
        Set<String> messageIds = new HashSet<>();
        for (long session = 0; session < plan.sessions(); session++) {
            assertThat(sessionIds.add(plan.sessionId(session))).isTrue();
            for (int sequence = 1; sequence <= plan.messagesPerSession(); sequence++) {
                assertThat(messageIds.add(plan.messageId(session, sequence))).isTrue();
            }
        }
    }

    @Test
    void aSessionRowHasAValueForEveryLoadedColumn() {
        StringBuilder row = new StringBuilder();
        plan.sessionRow(999, row);
        assertThat(row.toString().split("\t", -1)).hasSize(SeedPlan.SESSION_COLUMNS.split(",").length);
        row.setLength(0);
        plan.messageRow(3999, row);
        assertThat(row.toString().split("\t", -1)).hasSize(SeedPlan.MESSAGE_COLUMNS.split(",").length);
    }
}
