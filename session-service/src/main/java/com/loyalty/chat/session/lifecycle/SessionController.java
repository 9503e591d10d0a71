package com.loyalty.chat.session.lifecycle;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ApiResponse;

import jakarta.validation.Valid;

/** The mobile client's view: a user sees and acts on only their own sessions. */
@RestController
@RequestMapping("/api/v2/chat/sessions")
class SessionController {

    private final SessionOpening opening;
    private final UserSessionActions actions;
    private final SessionQueries queries;

    SessionController(SessionOpening opening, UserSessionActions actions, SessionQueries queries) {
        this.opening = opening;
        this.actions = actions;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<ApiResponse<SessionItem>> open(Caller caller) {
        SessionOpening.Opened opened = opening.open(caller);
        SessionItem session = queries.ownedBy(caller.userId(), opened.sessionId());
        return opened.created()
                ? ResponseEntity.status(HttpStatus.CREATED).body(ApiResponse.ok("会话创建成功", session))
                : ResponseEntity.ok(ApiResponse.ok("会话获取成功", session));
    }

    @GetMapping
    ApiResponse<UserSessions> mine(Caller caller) {
        List<SessionItem> sessions = queries.ofUser(caller.userId());
        return ApiResponse.ok("会话列表获取成功", new UserSessions(sessions, sessions.size()));
    }

    @GetMapping("/{sessionId}")
    ApiResponse<SessionItem> one(Caller caller, @PathVariable String sessionId) {
        return ApiResponse.ok("会话获取成功", queries.ownedBy(caller.userId(), sessionId));
    }

    @PostMapping("/{sessionId}/close")
    ApiResponse<SessionItem> close(Caller caller, @PathVariable String sessionId) {
        actions.close(caller.userId(), sessionId);
        return ApiResponse.ok("会话已结束", queries.ownedBy(caller.userId(), sessionId));
    }

    @PostMapping("/{sessionId}/rating")
    ApiResponse<SessionRating> rate(Caller caller, @PathVariable String sessionId,
                                    @Valid @RequestBody SessionRequests.Rating rating) {
        return ApiResponse.ok("评价成功",
                actions.rate(caller.userId(), sessionId, rating.score().intValueExact(), rating.comment()));
    }

    record UserSessions(List<SessionItem> sessions, int totalCount) {
    }
}
