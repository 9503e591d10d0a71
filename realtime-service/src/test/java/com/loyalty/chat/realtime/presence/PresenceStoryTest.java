package com.loyalty.chat.realtime.presence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.events.PresenceEvent;
import com.loyalty.chat.contracts.events.PresenceEvent.ConnectionOpened;
import com.loyalty.chat.contracts.events.PresenceEvent.NodeHeartbeat;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.realtime.presence.PresenceStory.Announced;

class PresenceStoryTest {

    private final PresenceStory story = new PresenceStory("node-x", "run-1", Clock.systemUTC());
    private final Announced user = new Announced("c-user", 1000, SenderType.USER);
    private final Announced admin = new Announced("c-admin", 31, SenderType.ADMIN);

    @Test
    void everyEventCarriesTheNodeAndItsRun() {
        List<PresenceEvent> events = List.of(story.opened(user), story.closed(user), story.tick().getFirst());

        assertThat(events).extracting(PresenceEvent::nodeId).containsOnly("node-x");
        assertThat(events).extracting(PresenceEvent::runId).containsOnly("run-1");
    }

    @Test
    void aHeartbeatCountsTheConnectionsAnnouncedOpenedAndNotClosed() {
        story.opened(user);
        story.opened(admin);
        story.closed(user);

        assertThat(story.tick()).singleElement().isInstanceOfSatisfying(NodeHeartbeat.class,
                heartbeat -> assertThat(heartbeat.connections()).isEqualTo(1));
    }

    @Test
    void afterALossTheNextTickReannouncesEveryOpenConnectionBetweenTwoHeartbeats() {
        story.opened(user);
        story.opened(admin);
        story.closed(admin);
        story.lost();

        List<PresenceEvent> resync = story.tick();

        assertThat(resync).hasSize(3);
        assertThat(resync.getFirst()).isInstanceOf(NodeHeartbeat.class);
        assertThat(resync.get(1)).isInstanceOfSatisfying(ConnectionOpened.class,
                opened -> assertThat(opened.connectionId()).isEqualTo("c-user"));
        assertThat(resync.getLast()).isInstanceOfSatisfying(NodeHeartbeat.class,
                heartbeat -> assertThat(heartbeat.connections()).isEqualTo(1));
    }

    @Test
    void aReannouncementIsANewEventNotARepeatOfTheFirst() {
        PresenceEvent first = story.opened(user);
        story.lost();

        PresenceEvent again = story.tick().get(1);

        assertThat(again.eventId()).isNotEqualTo(first.eventId());
    }

    @Test
    void onceReannouncedTheNextTickIsAHeartbeatAgain() {
        story.opened(user);
        story.lost();
        story.tick();

        assertThat(story.tick()).singleElement().isInstanceOf(NodeHeartbeat.class);
    }
}
