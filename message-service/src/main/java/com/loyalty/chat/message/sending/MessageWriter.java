package com.loyalty.chat.message.sending;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.loyalty.chat.chassis.outbox.EventOutbox;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import com.loyalty.chat.message.sending.SendOutcome.Stored;
import com.loyalty.chat.message.sending.WaitingSends.Waiting;
import com.loyalty.chat.message.sessionview.SessionView;
import com.loyalty.chat.message.sessionview.SessionViews;
import com.loyalty.chat.message.storage.IdempotencyKey;
import com.loyalty.chat.message.storage.MessageRepository;
import com.loyalty.chat.message.storage.MessageStatus;
import com.loyalty.chat.message.storage.StoredMessage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores batches of messages, each in one transaction: their rows, the sessions' next sequence, and the MessageEvents
 * that announce them (through the outbox, so an event exists exactly when its row does). Kafka sends whose session
 * the view does not know yet wait in {@link WaitingSends}; the same session's later sends queue behind them, so a
 * session's messages keep the order they arrived in.
 */
@Component
class MessageWriter {

    private static final int MAX_NICKNAME_LENGTH = 255;
    private static final int MAX_AVATAR_LENGTH = 2048;
    private static final Rejected SESSION_NOT_FOUND = new Rejected(ErrorCode.NOT_FOUND, ChatException.SESSION_NOT_FOUND);

    private final MessageRules rules;
    private final MessageRepository messages;
    private final SessionViews sessions;
    private final WaitingSends waiting;
    private final EventOutbox outbox;
    private final SendingProperties properties;
    private final Clock clock;
    private final StoredMessages stored;

    MessageWriter(MessageRules rules, MessageRepository messages, SessionViews sessions, WaitingSends waiting,
                  EventOutbox outbox, SendingProperties properties, Clock clock, StoredMessages stored) {
        this.stored = stored;
        this.rules = rules;
        this.messages = messages;
        this.sessions = sessions;
        this.waiting = waiting;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Settles what it can of {@code requests}, answering in their order. An empty answer means the request could not
     * be settled yet: a REST request whose session the view does not know (nothing was done; it may be tried again),
     * or a Kafka request set aside to wait for its session.
     *
     * <p>The sessions' rows are locked first, so concurrent writers to one session queue up there: each takes the
     * sequences after the previous one's, and each sees what the previous one committed when it looks for an earlier
     * message with the same temp id (read committed). A repeat of a temp id across sessions is caught by the unique
     * key instead, as a DuplicateKeyException that the caller retries.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<Optional<SendOutcome>> write(List<SendRequest> requests) {
        List<Optional<Rejected>> invalid = requests.stream().map(rules::checkMessage).toList();
        List<SendRequest> admitted = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            if (invalid.get(i).isEmpty()) {
                admitted.add(requests.get(i));
            }
        }
        Pass pass = new Pass(sessions.lockAll(new TreeSet<>(admitted.stream().map(SendRequest::sessionId).toList())),
                admitted.stream().flatMap(request -> request.idempotencyKey().stream()).toList());
        Set<String> queued = waiting.sessionsWithWaiting(pass.knownSessions());

        List<Optional<SendOutcome>> outcomes = new ArrayList<>();
        List<SendRequest> parked = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SendRequest request = requests.get(i);
            SendOutcome outcome;
            SessionView view = pass.view(request.sessionId());
            if (invalid.get(i).isPresent()) {
                outcome = pass.reject(request, invalid.get(i).get());
            }
            else if (pass.repeatOf(request).orElse(null) instanceof Stored repeat) {
                outcome = repeat;
            }
            else if (view == null && !SessionViews.canHold(request.sessionId())) {
                outcome = pass.reject(request, SESSION_NOT_FOUND);
            }
            else if (view == null) {
                // Maybe just opened: a Kafka send waits aside, a REST caller looks again.
                if (request.viaKafka()) {
                    parked.add(request);
                }
                outcome = null;
            }
            else if (request.viaKafka() && queued.contains(request.sessionId())) {
                // Behind the session's earlier sends, which still wait: its messages keep their order.
                parked.add(request);
                outcome = null;
            }
            else {
                outcome = pass.store(request, view);
            }
            outcomes.add(Optional.ofNullable(outcome));
        }
        waiting.park(parked, pass.now.plus(properties.unknownSession().commandPatience()));
        pass.finish();
        return outcomes;
    }

    /**
     * Settles up to {@code limit} of the sends waiting for a session, oldest first: all of them once the session has
     * shown up, otherwise those that waited long enough, refused with 4004. Answers how many it settled.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public int settleWaiting(String sessionId, int limit) {
        Map<String, SessionView> views = sessions.lockAll(List.of(sessionId));
        List<Waiting> waitingSends = waiting.lockFirst(sessionId, limit);
        Pass pass = new Pass(views,
                waitingSends.stream().flatMap(send -> send.request().idempotencyKey().stream()).toList());
        List<Long> settled = new ArrayList<>();
        for (Waiting send : waitingSends) {
            SessionView view = pass.view(sessionId);
            if (view == null && !send.isDue(pass.now)) {
                break;
            }
            if (view == null) {
                pass.reject(send.request(), SESSION_NOT_FOUND);
            }
            else if (pass.repeatOf(send.request()).isEmpty()) {
                pass.store(send.request(), view);
            }
            settled.add(send.id());
        }
        waiting.delete(settled);
        pass.finish();
        return settled.size();
    }

    /** Refuses requests that could not be stored, telling Kafka senders so. */
    @Transactional
    public void refuse(List<SendRequest> requests, Rejected rejection) {
        Pass pass = new Pass(Map.of(), List.of());
        requests.forEach(request -> pass.reject(request, rejection));
        pass.finish();
    }

    /** Refuses the send that has waited longest for the session, when settling it failed. */
    @Transactional
    public void refuseFirstWaiting(String sessionId, Rejected rejection) {
        List<Waiting> first = waiting.lockFirst(sessionId, 1);
        refuse(first.stream().map(Waiting::request).toList(), rejection);
        waiting.delete(first.stream().map(Waiting::id).toList());
    }

    /**
     * The work of one transaction: the locked sessions as storing moves them on, the messages already stored under
     * the requests' temp ids, and the rows and events to write when it is done. Events keep the order of the calls.
     */
    private final class Pass {

        final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        private final Map<String, SessionView> views;
        private final Map<IdempotencyKey, StoredMessage> earlier;
        private final List<StoredMessage> inserts = new ArrayList<>();
        private final Set<String> advanced = new LinkedHashSet<>();
        private final List<MessageEvent> announcements = new ArrayList<>();

        Pass(Map<String, SessionView> lockedViews, List<IdempotencyKey> keys) {
            this.views = new HashMap<>(lockedViews);
            this.earlier = new HashMap<>(messages.findByIdempotencyKeys(keys));
        }

        Set<String> knownSessions() {
            return views.keySet();
        }

        SessionView view(String sessionId) {
            return views.get(sessionId);
        }

        /** The message stored earlier under the request's temp id; announced again to a Kafka sender. */
        Optional<Stored> repeatOf(SendRequest request) {
            StoredMessage first = request.idempotencyKey().map(earlier::get).orElse(null);
            if (first == null) {
                return Optional.empty();
            }
            if (request.viaKafka()) {
                sessionOf(first).ifPresent(view -> announcements.add(MessageEvents.stored(first, view)));
            }
            return Optional.of(new Stored(first));
        }

        SendOutcome store(SendRequest request, SessionView view) {
            Optional<Rejected> rejection = rules.checkSession(view, request.sender());
            if (rejection.isPresent()) {
                return reject(request, rejection.get());
            }
            StoredMessage message = newMessage(request, view.nextSequence(), now);
            SessionView after = view.afterMessageFrom(
                    request.sender().type() == SenderType.ADMIN ? request.sender().userId() : null);
            views.put(after.sessionId(), after);
            advanced.add(after.sessionId());
            inserts.add(message);
            request.idempotencyKey().ifPresent(key -> earlier.put(key, message));
            announcements.add(MessageEvents.stored(message, after));
            return new Stored(message);
        }

        Rejected reject(SendRequest request, Rejected rejection) {
            if (request.viaKafka()) {
                announcements.add(MessageEvents.rejected(request, rejection, now));
            }
            return rejection;
        }

        void finish() {
            messages.insertAll(inserts);
            stored.stored(inserts.size());
            sessions.saveProgress(advanced.stream().map(views::get).toList());
            outbox.announce(announcements);
        }

        /** The session a repeated message was first stored in: usually locked already, unless the temp id was reused. */
        private Optional<SessionView> sessionOf(StoredMessage message) {
            SessionView view = views.get(message.sessionId());
            return view != null ? Optional.of(view) : sessions.find(message.sessionId());
        }
    }

    private StoredMessage newMessage(SendRequest request, long sequence, Instant now) {
        return new StoredMessage(Ids.newMessageId(clock), request.sessionId(), sequence, request.sender().userId(),
                request.sender().type(), truncate(request.sender().nickname(), MAX_NICKNAME_LENGTH),
                // A cut URL is no URL: an avatar too long to keep is dropped.
                request.sender().avatar() != null && request.sender().avatar().length() > MAX_AVATAR_LENGTH
                        ? null : request.sender().avatar(),
                request.content() == null ? "" : request.content(), request.messageType(), MessageStatus.SENT,
                request.tempMessageId(), request.attachments(), now);
    }

    /** Cuts between characters, never inside a surrogate pair: half a pair is not text and cannot be written out. */
    private static String truncate(String value, int maxLength) {
        if (value == null || value.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, end);
    }
}
