package com.loyalty.chat.realtime.connection;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

/** A client frame refused with an {@code error} frame; the connection stays open. */
public class FrameRejectedException extends ChatException {

    private final String tempMessageId;

    /** @param tempMessageId the client's id of the message refused, or null when the frame carried none */
    public FrameRejectedException(ErrorCode errorCode, String message, String tempMessageId) {
        super(errorCode, message);
        this.tempMessageId = tempMessageId;
    }

    public String tempMessageId() {
        return tempMessageId;
    }
}
