package com.loyalty.chat.stats.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.stats.figures.Scope;
import com.loyalty.chat.stats.figures.Stats;
import com.loyalty.chat.stats.figures.StatsQueries;
import com.loyalty.chat.stats.figures.StatsQueries.DayStats;

@RestController
@RequestMapping("/api/v2/admin/chat/stats")
class StatsController {

    private final StatsQueries queries;

    StatsController(StatsQueries queries) {
        this.queries = queries;
    }

    record TodayAnswer(Stats stats, LocalDate date, long adminId, String scope) {
    }

    record DailyAnswer(List<DayStats> days, LocalDate from, LocalDate to, long adminId, String scope) {
    }

    @GetMapping("/today")
    ApiResponse<TodayAnswer> today(@RequestParam(defaultValue = "mine") String scope, Caller caller) {
        Scope parsed = Scope.parse(scope);
        long adminId = caller.userId();
        return ApiResponse.ok("今日统计获取成功",
                new TodayAnswer(queries.today(parsed, adminId), queries.today(), adminId, parsed.wireName()));
    }

    @GetMapping("/daily")
    ApiResponse<DailyAnswer> daily(@RequestParam LocalDate from, @RequestParam LocalDate to,
                                   @RequestParam(defaultValue = "mine") String scope, Caller caller) {
        Scope parsed = Scope.parse(scope);
        long adminId = caller.userId();
        return ApiResponse.ok("每日统计获取成功",
                new DailyAnswer(queries.daily(from, to, parsed, adminId), from, to, adminId, parsed.wireName()));
    }
}
