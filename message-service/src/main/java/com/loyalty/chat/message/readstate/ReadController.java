package com.loyalty.chat.message.readstate;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.message.sessionview.SessionLookup;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin marks the user's messages of a session read: the same effect as the WebSocket {@code mark_read}. A session
 * the view does not hold yet is looked for again for a moment ({@link SessionLookup}) before it counts as missing.
 */
@RestController
class ReadController {

    private final ReadReceipts receipts;
    private final SessionLookup sessions;

    ReadController(ReadReceipts receipts, SessionLookup sessions) {
        this.receipts = receipts;
        this.sessions = sessions;
    }

    @PostMapping({"/api/v2/admin/chat/sessions/{sessionId}/read", "/api/admin/chat/sessions/{sessionId}/read",
            "/admin/chat/sessions/{sessionId}/read"})
    ApiResponse<ReadReceipt> adminReads(@PathVariable String sessionId,
                                        @RequestBody(required = false) ReadBody body, Caller caller) {
        boolean all = ReadBody.meansAll(body);
        ReadRequest request = new ReadRequest(sessionId, caller.as(SenderType.ADMIN), all,
                all ? null : body.messageIds());
        ReadOutcome outcome = receipts.markOne(request);
        if (outcome instanceof ReadOutcome.Refused refused && refused.errorCode() == ErrorCode.NOT_FOUND
                && sessions.find(sessionId).isPresent()) {
            outcome = receipts.markOne(request);
        }
        return switch (outcome) {
            case ReadOutcome.Marked marked ->
                    ApiResponse.ok("消息已标记为已读", new ReadReceipt(sessionId, marked.messageIds(), marked.readAt()));
            case ReadOutcome.Refused refused -> throw new ChatException(refused.errorCode(), refused.reason());
        };
    }
}
