package com.loyalty.chat.message.sending;

import com.loyalty.chat.contracts.api.ApiResponse;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.chassis.web.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST sends: an admin's reply and a user's message. Both go through the same storage path as Kafka commands, as a
 * batch of one; success is always 201, also for a repeated temp id (which answers with the first message).
 */
@RestController
class SendController {

    private final MessageSending sending;

    SendController(MessageSending sending) {
        this.sending = sending;
    }

    @PostMapping({"/api/v2/admin/chat/sessions/{sessionId}/messages", "/api/admin/chat/sessions/{sessionId}/messages",
            "/admin/chat/sessions/{sessionId}/messages"})
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<SendReceipt> adminReplies(@PathVariable String sessionId, @RequestBody SendMessageBody body,
                                          Caller caller) {
        return send(sessionId, body, caller, SenderType.ADMIN);
    }

    @PostMapping("/api/v2/chat/sessions/{sessionId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    ApiResponse<SendReceipt> userSends(@PathVariable String sessionId, @RequestBody SendMessageBody body,
                                       Caller caller) {
        return send(sessionId, body, caller, SenderType.USER);
    }

    private ApiResponse<SendReceipt> send(String sessionId, SendMessageBody body, Caller caller, SenderType side) {
        SendRequest request = new SendRequest(sessionId, caller.as(side), body.content(), body.messageTypeOrText(),
                body.tempMessageId(), body.attachments(), SendRequest.Channel.REST, null);
        return switch (sending.sendOne(request)) {
            case SendOutcome.Stored stored -> ApiResponse.ok("消息发送成功", SendReceipt.of(stored.message()));
            case SendOutcome.Rejected rejected -> throw new ChatException(rejected.errorCode(), rejected.reason());
        };
    }
}
