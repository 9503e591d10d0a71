package com.loyalty.chat.message.history;

import java.util.List;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.sessionview.SessionLookup;
import com.loyalty.chat.message.storage.MessageRepository;
import com.loyalty.chat.message.storage.StoredMessage;
import org.springframework.stereotype.Service;

/**
 * Pages through a session's messages. Page 1 holds the newest {@code pageSize} messages; {@code before} restricts
 * everything (pages, {@code totalCount}, {@code totalPages}) to the messages older than that one, so a client can
 * keep scrolling back from the oldest message it holds however many messages arrive meanwhile. {@code after} is the
 * other direction, for catching up ({@code sync}): the oldest {@code pageSize} messages newer than that one, with
 * {@code totalCount} and {@code hasMore} counting what follows it; it has no pages, so it goes with neither
 * {@code page} nor {@code before}. An id that is not a message of this session is a bad parameter (4000), not a
 * missing session. A session the view does not hold yet is looked for again for a moment ({@link SessionLookup}), so a
 * client can read the session it has just opened.
 */
@Service
class MessageHistory {

    private final SessionLookup sessions;
    private final MessageRepository messages;
    private final HistoryProperties properties;

    MessageHistory(SessionLookup sessions, MessageRepository messages, HistoryProperties properties) {
        this.sessions = sessions;
        this.messages = messages;
        this.properties = properties;
    }

    /**
     * Admins read any session; a user only their own, and another user's answers like a missing one.
     *
     * @param page null when the request names none
     */
    HistoryPage page(String sessionId, Sender reader, Integer page, Integer requestedPageSize, String before,
                     String after) {
        sessions.find(sessionId)
                .filter(session -> reader.type() == SenderType.ADMIN || session.isOwnedBy(reader.userId()))
                .orElseThrow(() -> ChatException.sessionNotFound());
        boolean catchingUp = isGiven(after);
        if (catchingUp && (page != null || isGiven(before))) {
            throw ChatException.invalid("after cannot be combined with page or before");
        }
        int pageNumber = page == null ? 1 : page;
        if (pageNumber < 1) {
            throw ChatException.invalid("page must be at least 1");
        }
        int pageSize = requestedPageSize == null ? properties.defaultPageSize() : requestedPageSize;
        if (pageSize < 1) {
            throw ChatException.invalid("pageSize must be at least 1");
        }
        pageSize = Math.min(pageSize, properties.maxPageSize());

        if (catchingUp) {
            long afterSequence = sequenceOf(sessionId, after, "after");
            long totalCount = messages.countBetween(sessionId, afterSequence, Long.MAX_VALUE);
            return answer(messages.findAfter(sessionId, afterSequence, pageSize), totalCount, 1, pageSize);
        }
        long beforeSequence = isGiven(before) ? sequenceOf(sessionId, before, "before") : Long.MAX_VALUE;
        long totalCount = messages.countBetween(sessionId, 0, beforeSequence);
        List<StoredMessage> rows = (long) (pageNumber - 1) * pageSize >= totalCount ? List.of()
                : messages.findBefore(sessionId, beforeSequence, (long) (pageNumber - 1) * pageSize, pageSize);
        return answer(rows, totalCount, pageNumber, pageSize);
    }

    private long sequenceOf(String sessionId, String messageId, String parameter) {
        return messages.findSequence(sessionId, messageId)
                .orElseThrow(() -> ChatException.invalid(parameter + ": no such message in this session"));
    }

    private static HistoryPage answer(List<StoredMessage> rows, long totalCount, int pageNumber, int pageSize) {
        long totalPages = (totalCount + pageSize - 1) / pageSize;
        return new HistoryPage(rows.stream().map(HistoryPage.Message::of).toList(), totalCount,
                new HistoryPage.Pagination(pageNumber, pageSize, totalPages, pageNumber < totalPages));
    }

    private static boolean isGiven(String parameter) {
        return parameter != null && !parameter.isBlank();
    }
}
