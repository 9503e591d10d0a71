package com.loyalty.chat.session.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.session.presence.ConnectionChanges.Opening;

class ConnectionChangesTest {

    private final ConnectionChanges changes = new ConnectionChanges("run-1", 0);

    @Test
    void openingsOfConnectionsNotHeldAreWrittenInTheOrderTheyCame() {
        changes.opened(opening("c2", 7, "e1"));
        changes.opened(opening("c1", 8, "e2"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of());

        assertThat(outcome.opened()).containsExactly(opening("c2", 7, "e1"), opening("c1", 8, "e2"));
        assertThat(outcome.closed()).isEmpty();
        assertThat(outcome.announcedAgain()).isFalse();
    }

    @Test
    void aRedeliveredOpeningOfAHeldConnectionChangesNothing() {
        changes.opened(opening("c1", 7, "e1"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of("c1", "e1"));

        assertThat(outcome.opened()).isEmpty();
        assertThat(outcome.announcedAgain()).isFalse();
    }

    @Test
    void aNewOpeningOfAHeldConnectionAnnouncesItAgain() {
        changes.opened(opening("c1", 7, "e2"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of("c1", "e1"));

        assertThat(outcome.opened()).containsExactly(opening("c1", 7, "e2"));
        assertThat(outcome.announcedAgain()).isTrue();
    }

    @Test
    void aHeldConnectionAnnouncedBeforeEventsHadIdsIsAnnouncedAgainByAnyOpening() {
        Map<String, String> announcedBefore = new HashMap<>();
        announcedBefore.put("c1", null);
        changes.opened(opening("c1", 7, "e1"));

        ConnectionChanges.Outcome outcome = changes.settle(announcedBefore);

        assertThat(outcome.opened()).containsExactly(opening("c1", 7, "e1"));
        assertThat(outcome.announcedAgain()).isTrue();
    }

    @Test
    void anOpeningRedeliveredWithinTheSameChangesIsNotAnAnnouncementAgain() {
        changes.opened(opening("c1", 7, "e1"));
        changes.opened(opening("c1", 7, "e1"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of());

        assertThat(outcome.opened()).containsExactly(opening("c1", 7, "e1"));
        assertThat(outcome.announcedAgain()).isFalse();
    }

    @Test
    void aConnectionOpenedTwiceKeepsItsFirstOpeningAndItsLastAnnouncement() {
        changes.opened(opening("c1", 7, "e1"));
        changes.opened(opening("c1", 9, "e2"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of());

        assertThat(outcome.opened()).containsExactly(opening("c1", 7, "e2"));
        assertThat(outcome.announcedAgain()).isTrue();
    }

    @Test
    void aConnectionOpenedThenClosedIsOnlyDeleted() {
        changes.opened(opening("c1", 7, "e1"));
        changes.closed("c1");

        ConnectionChanges.Outcome outcome = changes.settle(Map.of());

        assertThat(outcome.opened()).isEmpty();
        assertThat(outcome.closed()).containsExactly("c1");
    }

    @Test
    void aHeldConnectionClosedThenOpenedAgainIsDeletedAndWrittenAfresh() {
        changes.closed("c1");
        changes.opened(opening("c1", 9, "e1"));

        ConnectionChanges.Outcome outcome = changes.settle(Map.of("c1", "e1"));

        assertThat(outcome.closed()).containsExactly("c1");
        assertThat(outcome.opened()).as("once deleted, the same event announces it for the first time")
                .containsExactly(opening("c1", 9, "e1"));
        assertThat(outcome.announcedAgain()).isFalse();
    }

    @Test
    void onlyOpenedConnectionsAreLookedUp() {
        changes.opened(opening("c1", 7, "e1"));
        changes.closed("c2");
        changes.opened(opening("c3", 7, "e2"));
        changes.opened(opening("c1", 7, "e3"));

        assertThat(changes.openedConnectionIds()).containsExactly("c1", "c3");
    }

    private static Opening opening(String connectionId, long userId, String eventId) {
        return new Opening(connectionId, userId, SenderType.USER, eventId);
    }
}
