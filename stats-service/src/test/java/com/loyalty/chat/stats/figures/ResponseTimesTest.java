package com.loyalty.chat.stats.figures;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseTimesTest {

    @Test
    void noMeanIsNoData() {
        assertThat(ResponseTimes.describe(null)).isEqualTo("暂无数据");
    }

    @Test
    void underAMinuteIsInSeconds() {
        assertThat(ResponseTimes.describe(0L)).isEqualTo("0秒");
        assertThat(ResponseTimes.describe(45L)).isEqualTo("45秒");
        assertThat(ResponseTimes.describe(59L)).isEqualTo("59秒");
    }

    @Test
    void aMinuteOrMoreIsInWholeMinutes() {
        assertThat(ResponseTimes.describe(60L)).isEqualTo("1分钟");
        assertThat(ResponseTimes.describe(120L)).isEqualTo("2分钟");
    }

    @Test
    void minutesRoundToTheNearest() {
        assertThat(ResponseTimes.describe(89L)).isEqualTo("1分钟");
        assertThat(ResponseTimes.describe(90L)).isEqualTo("2分钟");
    }

    @Test
    void justUnderAnHourThatRoundsUpIsAnHour() {
        assertThat(ResponseTimes.describe(3599L)).isEqualTo("1小时");
    }

    @Test
    void aWholeNumberOfHoursHasNoMinutes() {
        assertThat(ResponseTimes.describe(7200L)).isEqualTo("2小时");
    }

    @Test
    void hoursAndMinutesAreBothSpelled() {
        assertThat(ResponseTimes.describe(3900L)).isEqualTo("1小时5分钟");
    }
}
