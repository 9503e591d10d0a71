package com.loyalty.chat.session.session;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.session.identity.Caller;

import jakarta.validation.constraints.Min;

/** The admin console's session API, also answering at the prefixes the existing front end calls. */
@RestController
@RequestMapping({"/api/v2/admin/chat/sessions", "/admin/chat/sessions", "/api/admin/chat/sessions"})
class AdminSessionController {

    private final SessionQueries queries;

    AdminSessionController(SessionQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    ApiResponse<SessionPage> list(@AuthenticationPrincipal Caller caller,
                                  @RequestParam(defaultValue = "all") String status,
                                  @RequestParam(defaultValue = "1") @Min(value = 1, message = "必须是不小于1的整数") int page,
                                  @RequestParam(defaultValue = "10") @Min(value = 1, message = "必须是不小于1的整数")
                                  int pageSize) {
        return ApiResponse.ok("管理员会话列表获取成功",
                queries.list(SessionFilter.parse(status), caller.userId(), page, pageSize));
    }

    @GetMapping("/{sessionId}")
    ApiResponse<SessionItem> one(@PathVariable String sessionId) {
        return ApiResponse.ok("会话获取成功", queries.byId(sessionId));
    }
}
