package com.loyalty.chat.session.session;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many sessions were ever opened and how many are closed (the {@code session_totals} table), kept exact by adding
 * to them in the transaction that opens or closes a session. A transaction adds to one slot of one total, after every
 * other lock it takes, so these rows never take part in a wait cycle.
 */
@Component
class SessionTotals {

    enum Total { OPENED, CLOSED }

    private static final int SLOTS = 16;

    private final JdbcClient jdbc;

    SessionTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void addOne(Total total) {
        jdbc.sql("""
                        INSERT INTO session_totals (total, slot, sessions) VALUES (:total, :slot, 1)
                        ON DUPLICATE KEY UPDATE sessions = sessions + 1
                        """)
                .param("total", wireName(total))
                .param("slot", ThreadLocalRandom.current().nextInt(SLOTS))
                .update();
    }

    static String sumSql(Total total) {
        return "SELECT COALESCE(SUM(sessions), 0) FROM session_totals WHERE total = '" + wireName(total) + "'";
    }

    private static String wireName(Total total) {
        return total.name().toLowerCase(Locale.ROOT);
    }
}
