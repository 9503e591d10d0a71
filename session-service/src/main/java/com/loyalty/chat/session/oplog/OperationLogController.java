package com.loyalty.chat.session.oplog;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.session.web.PageQuery;

import jakarta.validation.constraints.Min;

@RestController
class OperationLogController {

    private final OperationLogQueries queries;

    OperationLogController(OperationLogQueries queries) {
        this.queries = queries;
    }

    @GetMapping({"/api/v2/admin/chat/operation-logs", "/admin/chat/operation-logs", "/api/admin/chat/operation-logs"})
    ApiResponse<OperationLogPage> list(@RequestParam(required = false) String sessionId,
                                       @RequestParam(required = false) Long adminId,
                                       @RequestParam(defaultValue = "1") @Min(value = 1, message = "必须是不小于1的整数")
                                       int page,
                                       @RequestParam(defaultValue = "10") @Min(value = 1, message = "必须是不小于1的整数")
                                       int pageSize) {
        return ApiResponse.ok("操作日志获取成功", queries.page(sessionId, adminId, PageQuery.of(page, pageSize)));
    }
}
