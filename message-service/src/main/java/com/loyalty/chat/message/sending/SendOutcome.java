package com.loyalty.chat.message.sending;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.message.storage.StoredMessage;

/** What became of a {@link SendRequest}. */
sealed interface SendOutcome {

    /** The message is stored: now, or earlier under the same temp id (then this is that first message). */
    record Stored(StoredMessage message) implements SendOutcome {
    }

    /** The message was refused, with the contract's error code and a reason naming the field or rule. */
    record Rejected(ErrorCode errorCode, String reason) implements SendOutcome {
    }
}
