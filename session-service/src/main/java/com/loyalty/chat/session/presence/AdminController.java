package com.loyalty.chat.session.presence;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

@RestController
@RequestMapping({"/api/v2/admin/chat/admins", "/admin/chat/admins", "/api/admin/chat/admins"})
class AdminController {

    private final AdminDirectory directory;
    private final PresenceTracker tracker;

    AdminController(AdminDirectory directory, PresenceTracker tracker) {
        this.directory = directory;
        this.tracker = tracker;
    }

    @GetMapping
    ApiResponse<Admins> list() {
        List<AdminView> admins = directory.all();
        return ApiResponse.ok("管理员列表获取成功", new Admins(admins, admins.size()));
    }

    /** Only online and busy can be chosen: offline is what having no connection means. */
    @PutMapping("/me/status")
    ApiResponse<AdminView> choose(Caller caller, @Valid @RequestBody StatusChoice choice) {
        AdminAvailability chosen = switch (choice.status()) {
            case "online" -> AdminAvailability.ONLINE;
            case "busy" -> AdminAvailability.BUSY;
            default -> throw ChatException.invalid("status: 必须是 online 或 busy");
        };
        return ApiResponse.ok("状态已更新", directory.view(caller.userId(), tracker.choose(caller.userId(), chosen)));
    }

    record Admins(List<AdminView> admins, int totalCount) {
    }

    record StatusChoice(@NotNull(message = "必须是 online 或 busy") String status) {
    }
}
