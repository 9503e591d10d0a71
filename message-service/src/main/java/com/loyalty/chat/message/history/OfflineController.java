package com.loyalty.chat.message.history;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.chassis.web.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Offline messages, asked for by a realtime node with the bearer token of the connection it is greeting: the path
 * decides the side, as everywhere on REST.
 */
@RestController
class OfflineController {

    private static final String FETCHED = "离线消息获取成功";

    private final OfflineMessages offline;

    OfflineController(OfflineMessages offline) {
        this.offline = offline;
    }

    @GetMapping("/api/v2/admin/chat/offline-messages")
    ApiResponse<OfflineMessages.Answer> adminMissed(@RequestParam(required = false) Integer limit, Caller caller) {
        return ApiResponse.ok(FETCHED, offline.missedBy(caller.as(SenderType.ADMIN), limit));
    }

    @GetMapping("/api/v2/chat/offline-messages")
    ApiResponse<OfflineMessages.Answer> userMissed(@RequestParam(required = false) Integer limit, Caller caller) {
        return ApiResponse.ok(FETCHED, offline.missedBy(caller.as(SenderType.USER), limit));
    }
}
