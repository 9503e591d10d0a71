package com.loyalty.chat.message.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SenderType;
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
    Answer missedBy(Sender recipient, @Nullable Integer requestedLimit) {
        return missedBy(recipient.type(), Set.of(recipient.userId()), requestedLimit).get(recipient.userId());
    }

    /** What each recipient on {@code side} missed, asked of the database at once; every recipient has an answer. */
    Map<Long, Answer> missedBy(SenderType side, Set<Long> recipientIds, @Nullable Integer requestedLimit) {
        int limit = requestedLimit == null ? properties.maxOfflineMessages() : requestedLimit;
        if (limit < 1) {
            throw ChatException.invalid("limit must be at least 1");
        }
        int clamped = Math.min(limit, properties.maxOfflineMessages());
        Map<Long, List<StoredMessage>> rows = messages.findUndelivered(side, recipientIds, clamped + 1);
        Map<Long, Answer> answers = new HashMap<>();
        for (long recipientId : recipientIds) {
            List<StoredMessage> missed = rows.getOrDefault(recipientId, List.of());
            answers.put(recipientId, new Answer(missed.stream().limit(clamped).map(HistoryPage.Message::of).toList(),
                    missed.size() > clamped));
        }
        return answers;
    }

    /** @param hasMore more than these are waiting */
    record Answer(List<HistoryPage.Message> messages, boolean hasMore) {
    }
}
