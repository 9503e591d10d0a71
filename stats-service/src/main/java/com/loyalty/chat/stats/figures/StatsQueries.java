package com.loyalty.chat.stats.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.stats.StatsProperties;

/**
 * Answers figures with a handful of indexed range queries, however long the history: per-day sums come from
 * {@code daily_admin_figures}, session counts from {@code session_facts} by day.
 */
@Component
public class StatsQueries {

    /** The range of a DATE column on MySQL and MariaDB; days outside it could not have figures. */
    private static final LocalDate FIRST_DAY = LocalDate.of(1000, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    private final JdbcClient jdbc;
    private final StatsProperties properties;
    private final Clock clock;

    StatsQueries(JdbcClient jdbc, StatsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(properties.zone()));
    }

    @Transactional(readOnly = true)
    public Stats today(Scope scope, long adminId) {
        LocalDate today = today();
        return daily(today, today, scope, adminId).getFirst().stats();
    }

    /** One row per day from {@code from} to {@code to}, both included. */
    @Transactional(readOnly = true)
    public List<DayStats> daily(LocalDate from, LocalDate to, Scope scope, long adminId) {
        if (to.isBefore(from)) {
            throw ChatException.invalid("to 不能早于 from");
        }
        if (from.isBefore(FIRST_DAY) || to.isAfter(LAST_DAY)) {
            throw ChatException.invalid("日期必须在 " + FIRST_DAY + " 与 " + LAST_DAY + " 之间");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > properties.maxDailyRangeDays()) {
            throw ChatException.invalid("一次最多查询 " + properties.maxDailyRangeDays() + " 天");
        }
        Map<LocalDate, long[]> opened = perDay("""
                SELECT opened_day AS day, COUNT(*) AS total, SUM(first_reply_at IS NOT NULL) AS replied
                FROM session_facts WHERE opened_day BETWEEN :from AND :to %s GROUP BY opened_day
                """, from, to, scope, adminId, 2);
        Map<LocalDate, long[]> closed = perDay("""
                SELECT closed_day AS day, COUNT(*) AS closed
                FROM session_facts WHERE closed_day BETWEEN :from AND :to %s GROUP BY closed_day
                """, from, to, scope, adminId, 1);
        Map<LocalDate, long[]> sums = perDay("""
                SELECT day, SUM(messages), SUM(responses), SUM(response_seconds), SUM(ratings), SUM(rating_sum)
                FROM daily_admin_figures WHERE day BETWEEN :from AND :to %s GROUP BY day
                """, from, to, scope, adminId, 5);
        LocalDate today = today();
        List<DayStats> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            boolean isToday = day.equals(today);
            days.add(new DayStats(day, figures(opened.getOrDefault(day, new long[2]),
                    closed.getOrDefault(day, new long[1]), sums.getOrDefault(day, new long[5]),
                    isToday ? heldSessions(scope, adminId) : null, isToday ? waitingSessions() : null)));
        }
        return days;
    }

    public record DayStats(LocalDate date, Stats stats) {
    }

    /**
     * One day's figures from its rows: {@code opened} {total, replied}, {@code closed} {closed}, {@code sums}
     * {messages, responses, responseSeconds, ratings, ratingSum}. Apart from the queries so it is tested alone.
     */
    static Stats figures(long[] opened, long[] closed, long[] sums, Long active, Long waiting) {
        long total = opened[0];
        long replied = opened[1];
        long responses = sums[1];
        Long meanResponseSeconds = responses == 0 ? null : Math.round((double) sums[2] / responses);
        BigDecimal satisfaction = sums[3] == 0 ? null
                : BigDecimal.valueOf(sums[4]).divide(BigDecimal.valueOf(sums[3]), 2, RoundingMode.HALF_UP)
                        .stripTrailingZeros();
        int responseRate = total == 0 ? 0 : (int) Math.round(100.0 * replied / total);
        return new Stats(total, closed[0], active, waiting, sums[0], ResponseTimes.describe(meanResponseSeconds),
                meanResponseSeconds, satisfaction, responseRate);
    }

    private Map<LocalDate, long[]> perDay(String sql, LocalDate from, LocalDate to, Scope scope, long adminId,
                                          int columns) {
        Map<LocalDate, long[]> rows = new HashMap<>();
        jdbc.sql(sql.formatted(scope == Scope.MINE ? "AND admin_id = :admin" : ""))
                .param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .param("admin", adminId)
                .query(resultSet -> {
                    long[] values = new long[columns];
                    for (int column = 0; column < columns; column++) {
                        values[column] = resultSet.getLong(column + 2);
                    }
                    rows.put(resultSet.getDate(1).toLocalDate(), values);
                });
        return rows;
    }

    private long heldSessions(Scope scope, long adminId) {
        return jdbc.sql("SELECT COUNT(*) FROM session_facts WHERE status IN ('assigned', 'active') "
                        + (scope == Scope.MINE ? "AND admin_id = :admin" : ""))
                .param("admin", adminId)
                .query(Long.class).single();
    }

    private long waitingSessions() {
        return jdbc.sql("SELECT COUNT(*) FROM session_facts WHERE status = 'waiting'").query(Long.class).single();
    }
}
