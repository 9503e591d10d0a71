package com.loyalty.chat.session.lifecycle;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.session.web.PageQuery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

/**
 * The admin console's session API, also answering at the prefixes the existing front end calls. Actions answer the
 * session as it is afterwards.
 */
@RestController
@RequestMapping({"/api/v2/admin/chat/sessions", "/admin/chat/sessions", "/api/admin/chat/sessions"})
class AdminSessionController {

    private final SessionQueries queries;
    private final AdminSessionActions actions;

    AdminSessionController(SessionQueries queries, AdminSessionActions actions) {
        this.queries = queries;
        this.actions = actions;
    }

    @GetMapping
    ApiResponse<SessionPage> list(Caller caller,
                                  @RequestParam(defaultValue = "all") String status,
                                  @RequestParam(defaultValue = "1") @Min(value = 1, message = "必须是不小于1的整数") int page,
                                  @RequestParam(defaultValue = "10") @Min(value = 1, message = "必须是不小于1的整数")
                                  int pageSize) {
        return ApiResponse.ok("管理员会话列表获取成功",
                queries.list(SessionFilter.parse(status), caller.userId(), PageQuery.of(page, pageSize)));
    }

    @GetMapping("/{sessionId}")
    ApiResponse<SessionItem> one(@PathVariable String sessionId) {
        return ApiResponse.ok("会话获取成功", queries.byId(sessionId));
    }

    @PostMapping("/{sessionId}/claim")
    ApiResponse<SessionItem> claim(Caller caller, @PathVariable String sessionId) {
        actions.claim(caller.userId(), sessionId);
        return ApiResponse.ok("会话认领成功", queries.byId(sessionId));
    }

    @PostMapping("/{sessionId}/transfer")
    ApiResponse<SessionItem> transfer(Caller caller, @PathVariable String sessionId,
                                      @Valid @RequestBody SessionRequests.Transfer transfer) {
        actions.transfer(caller.userId(), sessionId, transfer.toAdminId());
        return ApiResponse.ok("会话转接成功", queries.byId(sessionId));
    }

    @PostMapping("/{sessionId}/close")
    ApiResponse<SessionItem> close(Caller caller, @PathVariable String sessionId) {
        actions.close(caller.userId(), sessionId);
        return ApiResponse.ok("会话已关闭", queries.byId(sessionId));
    }
}
