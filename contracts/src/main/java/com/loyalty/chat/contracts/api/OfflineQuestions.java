package com.loyalty.chat.contracts.api;

import java.util.List;

import com.loyalty.chat.contracts.events.SenderType;

/**
 * A realtime node's offline questions for several connections it is greeting, in one request to message-service
 * ({@link #PATH}): each question carries its client's own token, so each is answered exactly as that client's
 * {@code GET …/offline-messages} would be. The answer's {@code data.answers} follow the questions' order, each either
 * {@code {messages, hasMore}} or {@code {code, msg}}, the refusal that client's own call would have had.
 *
 * @param limit at most this many messages per answer, as the single call's {@code limit}
 */
public record OfflineQuestions(int limit, List<Question> questions) {

    /** Not under {@code /api}: the gateway does not route it, only the nodes call it. */
    public static final String PATH = "/internal/offline-messages";

    /** @param side the side the connection acts on: {@code admin} answers as the admin path would */
    public record Question(String token, SenderType side) {
    }
}
