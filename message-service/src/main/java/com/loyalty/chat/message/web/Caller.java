package com.loyalty.chat.message.web;

import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * Who is calling, as their verified token says. A controller parameter of this type is filled from the token;
 * nothing in a request body can change it.
 */
public record Caller(long userId, String nickname, String avatar) {

    /** The caller acting on one side of a session; on REST, the path decides which. */
    public Sender as(SenderType side) {
        return new Sender(userId, side, nickname, avatar);
    }
}
