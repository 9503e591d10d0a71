package com.loyalty.chat.message.readstate;

import java.time.Instant;
import java.util.List;

import com.loyalty.chat.contracts.api.ErrorCode;

/** What became of a {@link ReadRequest}. */
sealed interface ReadOutcome {

    /** @param messageIds exactly the messages this request moved to {@code read}, in sequence order; may be none */
    record Marked(List<String> messageIds, Instant readAt) implements ReadOutcome {
    }

    /** The reader may not mark this session's messages, or the request is malformed. */
    record Refused(ErrorCode errorCode, String reason) implements ReadOutcome {
    }
}
