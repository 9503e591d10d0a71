package com.loyalty.chat.message.history;

import java.util.List;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.message.storage.MessageRepository;
import com.loyalty.chat.message.storage.StoredMessage;
import org.springframework.stereotype.Service;

/**
 * What a recipient missed while no connection of theirs was open, for the realtime node that greets a new
 * connection with {@code offline_messages}. A message counts as received once any connection of the recipient got
 * it: the node says so with MarkMessagesDelivered, which moves it from {@code sent} to {@code delivered}. So
 * "missed" means: from the other side, still {@code sent}, in one of the recipient's sessions (every session of a
 * user; the sessions an admin holds that are not closed). Oldest first; the rest come through history.
 */
@Service
class OfflineMessages {

    private final MessageRepository messages;
    private final HistoryProperties properties;

    OfflineMessages(MessageRepository messages, HistoryProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    /** @param requestedLimit null when the request names none; clamped to the maximum */
    Answer missedBy(Sender recipient, Integer requestedLimit) {
        int limit = requestedLimit == null ? properties.maxOfflineMessages() : requestedLimit;
        if (limit < 1) {
            throw ChatException.invalid("limit must be at least 1");
        }
        limit = Math.min(limit, properties.maxOfflineMessages());
        List<StoredMessage> rows = messages.findUndelivered(recipient, limit + 1);
        return new Answer(rows.stream().limit(limit).map(HistoryPage.Message::of).toList(), rows.size() > limit);
    }

    /** @param hasMore more than these are waiting */
    record Answer(List<HistoryPage.Message> messages, boolean hasMore) {
    }
}
