package com.loyalty.chat.message.history;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.chassis.web.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Message history for admins (any session) and users (their own). */
@RestController
class HistoryController {

    private static final String FETCHED = "消息历史获取成功";

    private final MessageHistory history;

    HistoryController(MessageHistory history) {
        this.history = history;
    }

    @GetMapping({"/api/v2/admin/chat/sessions/{sessionId}/messages", "/api/admin/chat/sessions/{sessionId}/messages",
            "/admin/chat/sessions/{sessionId}/messages"})
    ApiResponse<HistoryPage> adminReads(@PathVariable String sessionId,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer pageSize,
                                        @RequestParam(required = false) String before,
                                        @RequestParam(required = false) String after,
                                        Caller caller) {
        return ApiResponse.ok(FETCHED,
                history.page(sessionId, caller.as(SenderType.ADMIN), page, pageSize, before, after));
    }

    @GetMapping("/api/v2/chat/sessions/{sessionId}/messages")
    ApiResponse<HistoryPage> userReads(@PathVariable String sessionId,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer pageSize,
                                       @RequestParam(required = false) String before,
                                       @RequestParam(required = false) String after,
                                       Caller caller) {
        return ApiResponse.ok(FETCHED,
                history.page(sessionId, caller.as(SenderType.USER), page, pageSize, before, after));
    }
}
