package com.loyalty.chat.message.readstate;

import java.util.List;
import java.util.Objects;

import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;

/**
 * {@code reader}, as their verified token says, has read the other side's messages of a session: all of them, or
 * those listed. Ids that are not the other side's messages of this session are ignored.
 */
record ReadRequest(String sessionId, Sender reader, boolean allMessages, List<String> messageIds) {

    ReadRequest {
        messageIds = allMessages || messageIds == null ? List.of()
                : messageIds.stream().filter(Objects::nonNull).distinct().toList();
    }

    static ReadRequest of(MarkMessagesRead command) {
        return new ReadRequest(command.sessionId(), command.sender(), command.allMessages(), command.messageIds());
    }
}
