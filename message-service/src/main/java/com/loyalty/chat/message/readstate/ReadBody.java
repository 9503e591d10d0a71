package com.loyalty.chat.message.readstate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The optional body of a REST read: {@code {}} or no body marks all of the user's messages read,
 * {@code {"messageIds": [...]}} only those listed. {@code allMessages: true}, as in the WebSocket frame, also means all.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReadBody(Boolean allMessages, List<String> messageIds) {

    static boolean meansAll(ReadBody body) {
        return body == null || Boolean.TRUE.equals(body.allMessages()) || body.messageIds() == null
                || body.messageIds().isEmpty();
    }
}
