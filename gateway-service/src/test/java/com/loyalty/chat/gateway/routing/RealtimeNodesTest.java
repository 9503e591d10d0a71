package com.loyalty.chat.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RealtimeNodesTest {

    private static final URI A = URI.create("http://10.0.0.1:8090");
    private static final URI B = URI.create("http://10.0.0.2:8090");
    private static final URI C = URI.create("http://10.0.0.3:8090");

    private final AtomicLong now = new AtomicLong();
    private final RealtimeNodes nodes = new RealtimeNodes(List.of(A, B, C), Duration.ofSeconds(30),
            Duration.ofSeconds(2), now::get);

    @Test
    void eachConnectionStartsAtTheNextNodeAndFallsBackOnTheOthersInTurn() {
        assertThat(nodes.candidates()).containsExactly(A, B, C);
        assertThat(nodes.candidates()).containsExactly(B, C, A);
        assertThat(nodes.candidates()).containsExactly(C, A, B);
        assertThat(nodes.candidates()).containsExactly(A, B, C);
    }

    @Test
    void aNodeThatAnswered503IsLeftOutForItsRetryAfter() {
        nodes.refused(B, Duration.ofSeconds(7));

        advance(Duration.ofMillis(6_999));
        assertThat(nodes.candidates()).doesNotContain(B).hasSize(2);
        advance(Duration.ofMillis(1));
        assertThat(nodes.candidates()).contains(B).hasSize(3);
    }

    @Test
    void aRetryAfterAboveTheBoundIsCutToIt() {
        nodes.refused(B, Duration.ofHours(1));

        advance(Duration.ofSeconds(30));
        assertThat(nodes.candidates()).contains(B);
    }

    @Test
    void aRefusalWithoutRetryAfterStillLeavesTheNodeOutForASecond() {
        nodes.refused(B, Duration.ZERO);

        assertThat(nodes.candidates()).doesNotContain(B);
        advance(Duration.ofSeconds(1));
        assertThat(nodes.candidates()).contains(B);
    }

    @Test
    void anUnreachableNodeIsLeftOutForTheShortWhile() {
        nodes.unreachable(C);

        assertThat(nodes.candidates()).doesNotContain(C);
        advance(Duration.ofSeconds(2));
        assertThat(nodes.candidates()).contains(C);
    }

    @Test
    void retryAfterIsWhenTheFirstNodeLeftOutComesBackInWholeSeconds() {
        nodes.refused(A, Duration.ofSeconds(9));
        nodes.refused(B, Duration.ofSeconds(5));
        nodes.unreachable(C);
        assertThat(nodes.candidates()).isEmpty();
        assertThat(nodes.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        advance(Duration.ofMillis(2_500));
        assertThat(nodes.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aNodeNoLongerListedLosesItsPlaceAndComesBackUnskipped() {
        nodes.refused(B, Duration.ofSeconds(20));
        nodes.replace(List.of(A, C));
        assertThat(nodes.all()).containsExactly(A, C);

        nodes.replace(List.of(A, B, C));
        assertThat(nodes.candidates()).contains(B);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }
}
