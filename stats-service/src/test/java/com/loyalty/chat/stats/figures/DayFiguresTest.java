package com.loyalty.chat.stats.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The arithmetic of one day's figures from its summed rows, {@link StatsQueries#figures}. */
class DayFiguresTest {

    private static long[] opened(long total, long replied) {
        return new long[] {total, replied};
    }

    private static long[] closed(long closed) {
        return new long[] {closed};
    }

    private static long[] sums(long messages, long responses, long responseSeconds, long ratings, long ratingSum) {
        return new long[] {messages, responses, responseSeconds, ratings, ratingSum};
    }

    private static Stats day(long[] opened, long[] closed, long[] sums) {
        return StatsQueries.figures(opened, closed, sums, null, null);
    }

    @Test
    void anEmptyDayCountsZeroAndHasNoMeans() {
        Stats stats = day(opened(0, 0), closed(0), sums(0, 0, 0, 0, 0));

        assertThat(stats.totalSessions()).isZero();
        assertThat(stats.completedSessions()).isZero();
        assertThat(stats.todayMessages()).isZero();
        assertThat(stats.avgResponseTimeSeconds()).isNull();
        assertThat(stats.avgResponseTime()).isEqualTo("暂无数据");
        assertThat(stats.customerSatisfaction()).isNull();
    }

    @Test
    void anEmptyDaysResponseRateIsZeroNotADivisionByZero() {
        assertThat(day(opened(0, 0), closed(0), sums(0, 0, 0, 0, 0)).responseRate()).isZero();
    }

    @Test
    void countsSessionsOpenedAndClosedAndMessagesAsSummed() {
        Stats stats = day(opened(12, 3), closed(5), sums(40, 0, 0, 0, 0));

        assertThat(stats.totalSessions()).isEqualTo(12);
        assertThat(stats.completedSessions()).isEqualTo(5);
        assertThat(stats.todayMessages()).isEqualTo(40);
    }

    @Test
    void meanResponseTimeIsTheResponseSecondsOverTheResponses() {
        Stats stats = day(opened(1, 1), closed(0), sums(10, 4, 200, 0, 0));

        assertThat(stats.avgResponseTimeSeconds()).isEqualTo(50);
        assertThat(stats.avgResponseTime()).isEqualTo("50秒");
    }

    @Test
    void meanResponseTimeRoundsToTheNearestSecond() {
        assertThat(day(opened(1, 1), closed(0), sums(0, 2, 3, 0, 0)).avgResponseTimeSeconds()).isEqualTo(2);
        assertThat(day(opened(1, 1), closed(0), sums(0, 3, 4, 0, 0)).avgResponseTimeSeconds()).isEqualTo(1);
    }

    @Test
    void aReplyWithinTheSameSecondIsAMeanOfZeroSecondsNotNoData() {
        Stats stats = day(opened(1, 1), closed(0), sums(2, 1, 0, 0, 0));

        assertThat(stats.avgResponseTimeSeconds()).isZero();
        assertThat(stats.avgResponseTime()).isEqualTo("0秒");
    }

    @Test
    void satisfactionIsTheMeanRatingToTwoDecimals() {
        assertThat(day(opened(0, 0), closed(0), sums(0, 0, 0, 3, 14)).customerSatisfaction())
                .isEqualByComparingTo("4.67");
    }

    @Test
    void satisfactionOfWholeMeanCarriesNoTrailingZeros() {
        assertThat(day(opened(0, 0), closed(0), sums(0, 0, 0, 2, 10)).customerSatisfaction())
                .isEqualTo(new BigDecimal("5"));
    }

    @Test
    void satisfactionRoundsHalfUp() {
        assertThat(day(opened(0, 0), closed(0), sums(0, 0, 0, 8, 33)).customerSatisfaction())
                .isEqualTo(new BigDecimal("4.13"));
    }

    @Test
    void responseRateIsThePercentageOfSessionsThatGotAReply() {
        assertThat(day(opened(4, 3), closed(0), sums(0, 0, 0, 0, 0)).responseRate()).isEqualTo(75);
    }

    @Test
    void responseRateRoundsToAWholePercent() {
        assertThat(day(opened(3, 2), closed(0), sums(0, 0, 0, 0, 0)).responseRate()).isEqualTo(67);
        assertThat(day(opened(3, 1), closed(0), sums(0, 0, 0, 0, 0)).responseRate()).isEqualTo(33);
    }

    @Test
    void theHeldAndWaitingCountsArePassedThroughAndNullForPastDays() {
        Stats today = StatsQueries.figures(opened(0, 0), closed(0), sums(0, 0, 0, 0, 0), 2L, 5L);
        Stats past = day(opened(0, 0), closed(0), sums(0, 0, 0, 0, 0));

        assertThat(today.activeSessions()).isEqualTo(2);
        assertThat(today.waitingSessions()).isEqualTo(5);
        assertThat(past.activeSessions()).isNull();
        assertThat(past.waitingSessions()).isNull();
    }
}
