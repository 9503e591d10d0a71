package com.loyalty.chat.session.lifecycle;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.loyalty.chat.contracts.events.SessionStatus;
import com.loyalty.chat.contracts.events.WireNamed;

/**
 * The list's counts that change with a session's status (the {@code session_totals} table): sessions ever opened
 * ({@code all}), closed, pending (waiting) and awaiting a reply (waiting or assigned). They are kept exact by adding
 * to them in the transaction that opens a session or changes its status. A transaction's changes are gathered and
 * written once, just before it commits, in one statement touching one slot (picked at random) of each total it
 * changed, in key order: so these rows are the last locks any transaction takes, always in the same order, and never
 * take part in a wait cycle. Readers sum the slots.
 *
 * <p>The per-admin count of the {@code active} filter is not here: it is {@code admin_statuses.current_sessions},
 * which every transaction that gives an admin a session or takes one away recounts under the admin's lock.
 */
@Component
class SessionTotals {

    /** In key order ({@code total} sorts alphabetically): the order in which a transaction locks their rows. */
    enum Total implements WireNamed { CLOSED, OPENED, PENDING, WAITING }

    private static final int SLOTS = 16;

    private final JdbcClient jdbc;

    SessionTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A session was opened: it is new, waiting and unanswered. */
    @Transactional(propagation = Propagation.MANDATORY)
    void opened() {
        Map<Total, Long> changes = pendingChanges();
        add(changes, Total.OPENED, 1);
        add(changes, Total.PENDING, 1);
        add(changes, Total.WAITING, 1);
    }

    /** A session's status went from {@code before} to {@code after} (the same for a transfer: nothing to count). */
    @Transactional(propagation = Propagation.MANDATORY)
    void statusChanged(SessionStatus before, SessionStatus after) {
        if (before == after) {
            return;
        }
        Map<Total, Long> changes = pendingChanges();
        add(changes, Total.CLOSED, counted(after, Total.CLOSED) - counted(before, Total.CLOSED));
        add(changes, Total.PENDING, counted(after, Total.PENDING) - counted(before, Total.PENDING));
        add(changes, Total.WAITING, counted(after, Total.WAITING) - counted(before, Total.WAITING));
    }

    /** 1 when a session in {@code status} counts in {@code total} (every session counts in OPENED). */
    static int counted(SessionStatus status, Total total) {
        return switch (total) {
            case OPENED -> 1;
            case CLOSED -> status == SessionStatus.CLOSED ? 1 : 0;
            case PENDING -> status == SessionStatus.WAITING ? 1 : 0;
            case WAITING -> status == SessionStatus.WAITING || status == SessionStatus.ASSIGNED ? 1 : 0;
        };
    }

    static String sumSql(Total total) {
        return "SELECT COALESCE(SUM(sessions), 0) FROM session_totals WHERE total = '" + total.wireName() + "'";
    }

    private static void add(Map<Total, Long> changes, Total total, long delta) {
        if (delta != 0) {
            changes.merge(total, delta, Long::sum);
        }
    }

    /**
     * This transaction's changes so far, kept by a synchronization of the transaction that writes them before it
     * commits: found among the transaction's synchronizations (which an inner transaction would suspend with it), so
     * nothing outlives the transaction.
     */
    private Map<Total, Long> pendingChanges() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingChanges pending && pending.owner() == this) {
                return pending.changes;
            }
        }
        PendingChanges pending = new PendingChanges();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending.changes;
    }

    private final class PendingChanges implements TransactionSynchronization {

        private final Map<Total, Long> changes = new EnumMap<>(Total.class);

        SessionTotals owner() {
            return SessionTotals.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write(changes);
        }
    }

    /** One statement, rows in key order, one slot for all of them. */
    private void write(Map<Total, Long> changes) {
        List<Map.Entry<Total, Long>> rows = changes.entrySet().stream()
                .filter(change -> change.getValue() != 0)
                .toList();
        if (rows.isEmpty()) {
            return;
        }
        String values = IntStream.range(0, rows.size())
                .mapToObj(index -> "(:total" + index + ", :slot, :delta" + index + ")")
                .collect(Collectors.joining(", "));
        JdbcClient.StatementSpec statement = jdbc.sql("INSERT INTO session_totals (total, slot, sessions) VALUES "
                        + values + " ON DUPLICATE KEY UPDATE sessions = sessions + VALUES(sessions)")
                .param("slot", ThreadLocalRandom.current().nextInt(SLOTS));
        for (int index = 0; index < rows.size(); index++) {
            statement = statement.param("total" + index, rows.get(index).getKey().wireName())
                    .param("delta" + index, rows.get(index).getValue());
        }
        statement.update();
    }
}
