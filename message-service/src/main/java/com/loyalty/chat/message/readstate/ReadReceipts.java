package com.loyalty.chat.message.readstate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.loyalty.chat.chassis.outbox.EventOutbox;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.MessageCommand.MarkMessagesRead;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.MessageEvent.MessagesRead;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.readstate.ReadOutcome.Marked;
import com.loyalty.chat.message.readstate.ReadOutcome.Refused;
import com.loyalty.chat.message.sessionview.SessionView;
import com.loyalty.chat.message.sessionview.SessionViews;
import com.loyalty.chat.message.storage.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Marks the other side's messages read, for Kafka receipts (a poll at a time) and REST alike, and announces exactly
 * the messages that changed with MessagesRead in the same transaction: session-service lowers its unread count by
 * that many, so a message must never be announced twice. That is why the sessions' rows are locked first: two
 * receipts for one session (a WebSocket and a REST one, say) take turns, and the second finds only what the first
 * left unread. A redelivered receipt finds nothing new and announces nothing.
 *
 * <p>A reader may mark a session they take part in ({@link SessionView#admits}); a closed session still counts.
 * {@code allMessages} means every message of the other side stored when the receipt is applied.
 */
@Service
public class ReadReceipts {

    private static final Logger log = LoggerFactory.getLogger(ReadReceipts.class);

    private final MessageRepository messages;
    private final SessionViews sessions;
    private final EventOutbox outbox;
    private final ReadProperties properties;
    private final Clock clock;

    ReadReceipts(MessageRepository messages, SessionViews sessions, EventOutbox outbox,
                 ReadProperties properties, Clock clock) {
        this.messages = messages;
        this.sessions = sessions;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Applies a poll's MarkMessagesRead commands in one transaction. A refused command is logged and dropped:
     * MessageRejected speaks of failed sends, and the reader loses nothing but a read mark. The transaction is opened
     * before this method runs, so a caller with nothing to apply had better not call it.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void applyCommands(List<MarkMessagesRead> commands) {
        if (commands.isEmpty()) {
            return;
        }
        List<ReadOutcome> outcomes = mark(commands.stream().map(ReadRequest::of).toList());
        for (int i = 0; i < commands.size(); i++) {
            if (outcomes.get(i) instanceof Refused refused) {
                MarkMessagesRead command = commands.get(i);
                log.info("MarkMessagesRead {} from {} {} for {} refused: {}", command.commandId(),
                        command.sender().type().wireName(), command.sender().userId(), command.sessionId(),
                        refused.reason());
            }
        }
    }

    @Transactional(isolation = Isolation.READ_COMMITTED)
    ReadOutcome markOne(ReadRequest request) {
        return mark(List.of(request)).getFirst();
    }

    private List<ReadOutcome> mark(List<ReadRequest> requests) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, SessionView> views = sessions.lockAll(
                new TreeSet<>(requests.stream().map(ReadRequest::sessionId).toList()));
        Set<String> becomingRead = new LinkedHashSet<>();
        List<ReadOutcome> outcomes = new ArrayList<>();
        List<MessagesRead> announcements = new ArrayList<>();
        for (ReadRequest request : requests) {
            SessionView view = views.get(request.sessionId());
            Optional<Refused> refusal = refusal(request, view);
            if (refusal.isPresent()) {
                outcomes.add(refusal.get());
                continue;
            }
            SenderType side = request.reader().type();
            List<String> unread = request.allMessages() ? messages.findUnreadBy(side, request.sessionId())
                    : messages.findUnreadBy(side, request.sessionId(), request.messageIds());
            // A batch may hold two receipts for one session; the second must not claim the first's messages.
            List<String> newlyRead = unread.stream().filter(becomingRead::add).toList();
            announcements.addAll(announce(request, view, newlyRead, now));
            outcomes.add(new Marked(newlyRead, now));
        }
        messages.markRead(becomingRead);
        outbox.announce(announcements);
        return outcomes;
    }

    private Optional<Refused> refusal(ReadRequest request, SessionView view) {
        if (request.messageIds().size() > properties.maxListedIds()) {
            return refused(ErrorCode.INVALID_REQUEST, "messageIds: at most " + properties.maxListedIds() + " ids");
        }
        if (view == null || (request.reader().type() == SenderType.USER && !view.admits(request.reader()))) {
            // Another user's session is answered like a missing one: its existence is not revealed.
            return refused(ErrorCode.NOT_FOUND, ChatException.SESSION_NOT_FOUND);
        }
        if (!view.admits(request.reader())) {
            return refused(ErrorCode.CONFLICT, "session is held by another admin");
        }
        return Optional.empty();
    }

    /** One event per {@code maxIdsPerEvent} ids, none when nothing changed. */
    private List<MessagesRead> announce(ReadRequest request, SessionView view, List<String> newlyRead, Instant now) {
        List<MessagesRead> announcements = new ArrayList<>();
        for (int from = 0; from < newlyRead.size(); from += properties.maxIdsPerEvent()) {
            List<String> chunk = newlyRead.subList(from, Math.min(newlyRead.size(), from + properties.maxIdsPerEvent()));
            announcements.add(new MessagesRead(MessageEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                    request.sessionId(), now, request.reader().userId(), request.reader().type(), List.copyOf(chunk),
                    view.userId(), view.adminId()));
        }
        return announcements;
    }

    private static Optional<Refused> refused(ErrorCode code, String reason) {
        return Optional.of(new Refused(code, reason));
    }
}
