package com.loyalty.chat.message.history;

import java.util.List;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.events.MessageCommand.Sender;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.sessionview.SessionViews;
import com.loyalty.chat.message.storage.MessageRepository;
import com.loyalty.chat.message.storage.StoredMessage;
import org.springframework.stereotype.Service;

/**
 * Pages through a session's messages. Page 1 holds the newest {@code pageSize} messages; {@code before} restricts
 * everything (pages, {@code totalCount}, {@code totalPages}) to the messages older than that one, so a client can
 * keep scrolling back from the oldest message it holds however many messages arrive meanwhile. An id that is not a
 * message of this session is a bad parameter (4000), not a missing session.
 */
@Service
class MessageHistory {

    private final SessionViews sessions;
    private final MessageRepository messages;
    private final HistoryProperties properties;

    MessageHistory(SessionViews sessions, MessageRepository messages, HistoryProperties properties) {
        this.sessions = sessions;
        this.messages = messages;
        this.properties = properties;
    }

    /** Admins read any session; a user only their own, and another user's answers like a missing one. */
    HistoryPage page(String sessionId, Sender reader, int page, Integer requestedPageSize, String before) {
        sessions.find(sessionId)
                .filter(session -> reader.type() == SenderType.ADMIN || session.isOwnedBy(reader.userId()))
                .orElseThrow(() -> ChatException.notFound("session not found"));
        if (page < 1) {
            throw ChatException.invalid("page must be at least 1");
        }
        int pageSize = requestedPageSize == null ? properties.defaultPageSize() : requestedPageSize;
        if (pageSize < 1) {
            throw ChatException.invalid("pageSize must be at least 1");
        }
        pageSize = Math.min(pageSize, properties.maxPageSize());

        long beforeSequence = before == null || before.isBlank() ? Long.MAX_VALUE
                : messages.findSequence(sessionId, before)
                        .orElseThrow(() -> ChatException.invalid("before: no such message in this session"));
        long totalCount = messages.countBefore(sessionId, beforeSequence);
        long totalPages = (totalCount + pageSize - 1) / pageSize;
        List<StoredMessage> rows = page > totalPages ? List.of()
                : messages.findBefore(sessionId, beforeSequence, (long) (page - 1) * pageSize, pageSize);
        return new HistoryPage(rows.stream().map(HistoryPage.Message::of).toList(), totalCount,
                new HistoryPage.Pagination(page, pageSize, totalPages, page < totalPages));
    }
}
