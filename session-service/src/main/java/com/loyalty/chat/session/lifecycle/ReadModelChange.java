package com.loyalty.chat.session.lifecycle;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * What a poll's events change in one session's list item: messages stored, the change of the unread count (the user's
 * messages stored, less those the admin side read), and the latest stored message by sequence (null when the poll
 * stored none). Counts are sums and the last message is decided by sequence, so coalescing a session's events into one
 * change gives what applying them one by one, in any order, gives.
 */
record ReadModelChange(String sessionId, int messages, int unread, MessageEvent.MessageStored last) {

    /** One change per session, from events that each count once (deduplicated already). */
    static Collection<ReadModelChange> of(Collection<MessageEvent> events) {
        Map<String, ReadModelChange> bySession = new LinkedHashMap<>();
        for (MessageEvent event : events) {
            ReadModelChange one = switch (event) {
                case MessageEvent.MessageStored stored ->
                        new ReadModelChange(stored.sessionId(), 1, stored.senderType() == SenderType.USER ? 1 : 0,
                                stored);
                case MessageEvent.MessagesRead read ->
                        new ReadModelChange(read.sessionId(), 0, -read.messageIds().size(), null);
                case MessageEvent.MessageRejected rejected -> new ReadModelChange(rejected.sessionId(), 0, 0, null);
            };
            bySession.merge(one.sessionId(), one, ReadModelChange::plus);
        }
        return bySession.values();
    }

    private ReadModelChange plus(ReadModelChange other) {
        return new ReadModelChange(sessionId, messages + other.messages, unread + other.unread, later(last, other.last));
    }

    private static MessageEvent.MessageStored later(MessageEvent.MessageStored one, MessageEvent.MessageStored other) {
        if (one == null) {
            return other;
        }
        return other == null || other.sequence() <= one.sequence() ? one : other;
    }
}
