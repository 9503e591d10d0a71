package com.loyalty.chat.session.lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;

/**
 * What message-service's events mean for their session: the list's read model (last message, counts), and an admin's
 * reply activating it. A poll's events are applied in one transaction: their ids are recorded together, each session's
 * read model is updated once, and the admins' replies then act in the order they came. Each event counts once (its id
 * is remembered in the same transaction); the last message only moves forward by sequence, and counts are sums, so
 * order of arrival does not matter to the read model.
 *
 * <p>Locks are taken in the service's one order: the batch's session rows (in id order), then the admins whose reply
 * changes their session (ascending), then, at commit, the session totals.
 *
 * <p>Consistency window: message-service accepts a reply against its own view of the session, which lags this service
 * by the event latency. A reply can therefore arrive for a session another admin took meanwhile (or that was closed):
 * it is logged as that admin's reply, with a note, and the session stays as it is.
 */
@Service
class MessageActivity {

    private static final Logger log = LoggerFactory.getLogger(MessageActivity.class);

    private final SessionStore store;
    private final ProcessedEvents processed;
    private final SessionTransitions transitions;
    private final Clock clock;

    MessageActivity(SessionStore store, ProcessedEvents processed, SessionTransitions transitions, Clock clock) {
        this.store = store;
        this.processed = processed;
        this.transitions = transitions;
        this.clock = clock;
    }

    /** {@code events} in the order they were consumed (per session, the order they were published). */
    @Transactional
    void apply(List<MessageEvent> events) {
        List<MessageEvent> fresh = processed.firstDeliveries(events.stream().filter(MessageActivity::counts).toList(),
                MessageEvent::eventId);
        if (fresh.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<String> unknown = store.recordActivity(ReadModelChange.of(fresh), now);
        for (MessageEvent event : fresh) {
            if (unknown.contains(event.sessionId())) {
                log.warn("{} {} belongs to unknown session {}; ignored", event.getClass().getSimpleName(),
                        event.eventId(), event.sessionId());
            }
        }
        List<MessageEvent.MessageStored> replies = fresh.stream()
                .filter(event -> event instanceof MessageEvent.MessageStored stored
                        && stored.senderType() == SenderType.ADMIN && !unknown.contains(stored.sessionId()))
                .map(MessageEvent.MessageStored.class::cast)
                .toList();
        if (!replies.isEmpty()) {
            answer(replies, now);
        }
    }

    /**
     * Only stored messages and the admin side's reading change the list (its unread count is of user messages the
     * admins have not read); a refused message never existed as far as sessions are concerned.
     */
    private static boolean counts(MessageEvent event) {
        return switch (event) {
            case MessageEvent.MessageStored _ -> true;
            case MessageEvent.MessagesRead read -> read.readerType() == SenderType.ADMIN && read.messageIds() != null
                    && !read.messageIds().isEmpty();
            case MessageEvent.MessageRejected _ -> false;
        };
    }

    /**
     * An admin's reply activates a pending session (claiming it) or the replier's own assigned one; any other is
     * logged as a reply that changed nothing. Each reply sees the session as the replies before it left it. Who takes
     * a session on is known before anything is written, so their rows are locked first, in ascending order.
     */
    private void answer(List<MessageEvent.MessageStored> replies, Instant now) {
        Map<String, CustomerSession> sessions = new HashMap<>(
                store.lockAll(replies.stream().map(MessageEvent.MessageStored::sessionId).distinct().toList()));
        List<Step> steps = new ArrayList<>();
        Set<Long> takers = new TreeSet<>();
        for (MessageEvent.MessageStored reply : replies) {
            CustomerSession session = sessions.get(reply.sessionId());
            Optional<CustomerSession.Change> change = session.answeredBy(reply.senderId(), now);
            steps.add(new Step(session, reply, change.orElse(null)));
            change.ifPresent(taken -> {
                takers.add(reply.senderId());
                sessions.put(reply.sessionId(), taken.after());
            });
        }
        transitions.lockAdmins(takers);
        List<SessionTransitions.Reply> unchanged = new ArrayList<>();
        for (Step step : steps) {
            if (step.change() == null) {
                unchanged.add(new SessionTransitions.Reply(step.session(), step.reply().senderId(),
                        step.reply().messageId()));
                continue;
            }
            // The log keeps the replies' order.
            transitions.logReplies(unchanged);
            unchanged.clear();
            transitions.apply(step.change(), step.reply().messageId());
        }
        transitions.logReplies(unchanged);
    }

    /** What one reply does: {@code change} null when it leaves {@code session} as it is. */
    private record Step(CustomerSession session, MessageEvent.MessageStored reply, CustomerSession.Change change) {
    }
}
