package com.loyalty.chat.session.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.StatusChangeReason;

/** The lifecycle's rules on their own: every transition from every state it starts in, without Spring or a database. */
class CustomerSessionTest {

    private static final long USER = 1001;
    private static final long ADMIN = 31;
    private static final long OTHER_ADMIN = 33;
    private static final Instant OPENED = Instant.parse("2026-11-27T08:00:00.000Z");
    private static final Instant NOW = Instant.parse("2026-11-27T08:05:00.000Z");

    private final CustomerSession waiting = CustomerSession.open("session_1", USER, OPENED);
    private final CustomerSession assigned = waiting.assignTo(ADMIN, OPENED).after();
    private final CustomerSession active = assigned.answeredBy(ADMIN, OPENED).orElseThrow().after();
    private final CustomerSession closed = active.closeByUser(OPENED).after();

    @Test
    void anOpenedSessionWaitsWithoutAnAdminAtVersionZero() {
        assertThat(waiting.status()).isEqualTo(SessionStatus.WAITING);
        assertThat(waiting.adminId()).isNull();
        assertThat(waiting.version()).isZero();
        assertThat(waiting.createdAt()).isEqualTo(OPENED);
        assertThat(waiting.source()).isEqualTo("mobile");
        assertThat(waiting.priority()).isEqualTo(1);
    }

    @Test
    void assignmentGivesAWaitingSessionToTheAdmin() {
        CustomerSession.Change change = waiting.assignTo(ADMIN, NOW);

        assertThat(change.before()).isEqualTo(waiting);
        assertThat(change.after().status()).isEqualTo(SessionStatus.ASSIGNED);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.ASSIGNED);
        assertThat(change.at()).isEqualTo(NOW);
    }

    @Test
    void everyTransitionRaisesTheVersionByOne() {
        assertThat(assigned.version()).isEqualTo(waiting.version() + 1);
        assertThat(active.version()).isEqualTo(assigned.version() + 1);
        assertThat(closed.version()).isEqualTo(active.version() + 1);
        assertThat(closed.rate(5, "好", NOW).version()).isEqualTo(closed.version() + 1);
    }

    @Test
    void onlyAWaitingSessionIsAssigned() {
        assertThatIllegalStateException().isThrownBy(() -> assigned.assignTo(OTHER_ADMIN, NOW));
    }

    @Test
    void aClaimTakesAWaitingSession() {
        CustomerSession.Change change = waiting.claimBy(ADMIN, NOW).orElseThrow();

        assertThat(change.after().status()).isEqualTo(SessionStatus.ASSIGNED);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.CLAIMED);
    }

    @Test
    void claimingOnesOwnSessionAgainChangesNothing() {
        assertThat(assigned.claimBy(ADMIN, NOW)).isEmpty();
        assertThat(active.claimBy(ADMIN, NOW)).isEmpty();
    }

    @Test
    void claimingAnotherAdminsSessionIsAConflict() {
        assertConflict(() -> assigned.claimBy(OTHER_ADMIN, NOW), "会话已由其他管理员处理");
    }

    @Test
    void claimingAClosedSessionIsAConflict() {
        assertConflict(() -> closed.claimBy(ADMIN, NOW), "会话已关闭");
    }

    @Test
    void aTransferHandsTheSessionOnInTheStateItIsIn() {
        CustomerSession.Change change = active.transfer(ADMIN, OTHER_ADMIN, NOW);

        assertThat(change.after().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(change.after().adminId()).isEqualTo(OTHER_ADMIN);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.TRANSFERRED);
        assertThat(change.holderChanged()).isTrue();
    }

    @Test
    void transferringASessionOneDoesNotHoldIsAConflict() {
        assertConflict(() -> assigned.transfer(OTHER_ADMIN, ADMIN, NOW), "只能转接自己正在处理的会话");
        assertConflict(() -> waiting.transfer(ADMIN, OTHER_ADMIN, NOW), "只能转接自己正在处理的会话");
    }

    @Test
    void transferringToOneselfIsAnInvalidRequest() {
        assertThatThrownBy(() -> assigned.transfer(ADMIN, ADMIN, NOW))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).startsWith("toAdminId");
                });
    }

    @Test
    void transferringAClosedSessionIsAConflict() {
        assertConflict(() -> closed.transfer(ADMIN, OTHER_ADMIN, NOW), "会话已关闭");
    }

    @Test
    void anAdminClosesTheirOwnSession() {
        CustomerSession.Change change = active.closeByAdmin(ADMIN, NOW);

        assertThat(change.after().status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.after().closedAt()).isEqualTo(NOW);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.CLOSED_BY_ADMIN);
    }

    @Test
    void aWaitingSessionClosedByAnAdminCountsAsTheirs() {
        CustomerSession.Change change = waiting.closeByAdmin(ADMIN, NOW);

        assertThat(change.after().status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.holderChanged()).isTrue();
    }

    @Test
    void closingAnotherAdminsSessionIsAConflict() {
        assertConflict(() -> assigned.closeByAdmin(OTHER_ADMIN, NOW), "会话已由其他管理员处理");
    }

    @Test
    void closingAClosedSessionIsAConflict() {
        assertConflict(() -> closed.closeByAdmin(ADMIN, NOW), "会话已关闭");
        assertConflict(() -> closed.closeByUser(NOW), "会话已关闭");
    }

    @Test
    void theUserClosesTheirSessionKeepingItsLastAdmin() {
        CustomerSession.Change change = assigned.closeByUser(NOW);

        assertThat(change.after().status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.after().closedAt()).isEqualTo(NOW);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.CLOSED_BY_USER);
        assertThat(change.holderChanged()).isFalse();
    }

    @Test
    void aClosedSessionIsRatedOnce() {
        CustomerSession rated = closed.rate(4, "不错", NOW);

        assertThat(rated.satisfactionScore()).isEqualTo(4);
        assertThat(rated.ratingComment()).isEqualTo("不错");
        assertThat(rated.ratedAt()).isEqualTo(NOW);
        assertThat(rated.status()).isEqualTo(SessionStatus.CLOSED);
        assertConflict(() -> rated.rate(5, null, NOW), "会话已评价");
    }

    @Test
    void anOpenSessionCannotBeRated() {
        assertConflict(() -> active.rate(5, null, NOW), "会话结束后才能评价");
    }

    @Test
    void anAdminsReplyActivatesAWaitingSessionAndClaimsIt() {
        CustomerSession.Change change = waiting.answeredBy(OTHER_ADMIN, NOW).orElseThrow();

        assertThat(change.after().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(change.after().adminId()).isEqualTo(OTHER_ADMIN);
        assertThat(change.reason()).isEqualTo(StatusChangeReason.ADMIN_REPLIED);
    }

    @Test
    void theHoldersReplyActivatesTheirAssignedSession() {
        CustomerSession.Change change = assigned.answeredBy(ADMIN, NOW).orElseThrow();

        assertThat(change.after().status()).isEqualTo(SessionStatus.ACTIVE);
        assertThat(change.after().adminId()).isEqualTo(ADMIN);
        assertThat(change.holderChanged()).isFalse();
    }

    @Test
    void aReplyChangesNothingOnceActiveClosedOrHeldByAnother() {
        assertThat(active.answeredBy(ADMIN, NOW)).isEmpty();
        assertThat(closed.answeredBy(ADMIN, NOW)).isEmpty();
        assertThat(assigned.answeredBy(OTHER_ADMIN, NOW)).isEmpty();
    }

    @Test
    void aReplyThatChangedNothingSaysWhy() {
        assertThat(closed.unappliedReplyNote(ADMIN)).isEqualTo("回复时会话已关闭，状态未改变");
        assertThat(assigned.unappliedReplyNote(OTHER_ADMIN)).isEqualTo("回复时会话由管理员31处理，状态未改变");
        assertThat(active.unappliedReplyNote(ADMIN)).isNull();
    }

    @Test
    void requeueingPutsAnAssignedSessionBackInTheQueueWithoutAnAdmin() {
        CustomerSession.Change change = assigned.requeue(NOW);

        assertThat(change.after().status()).isEqualTo(SessionStatus.WAITING);
        assertThat(change.after().adminId()).isNull();
        assertThat(change.reason()).isEqualTo(StatusChangeReason.REQUEUED);
    }

    @Test
    void onlyAnAssignedSessionIsRequeued() {
        assertThatIllegalStateException().isThrownBy(() -> active.requeue(NOW));
        assertThatIllegalStateException().isThrownBy(() -> waiting.requeue(NOW));
    }

    private static void assertConflict(Runnable transition, String message) {
        assertThatThrownBy(transition::run).isInstanceOfSatisfying(ChatException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
