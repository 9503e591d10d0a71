package com.loyalty.chat.message.sending;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.api.Ids;
import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.SenderType;
import com.loyalty.chat.message.messaging.EventOutbox;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import com.loyalty.chat.message.sending.SendOutcome.Stored;
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
 * Stores a batch of messages in one transaction: their rows, the sessions' next sequence, and the MessageEvents that
 * announce them (through the outbox, so an event exists exactly when its row does).
 */
@Component
class MessageWriter {

    private static final int MAX_NICKNAME_LENGTH = 255;
    private static final int MAX_AVATAR_LENGTH = 2048;

    private final MessageRules rules;
    private final MessageRepository messages;
    private final SessionViews sessions;
    private final EventOutbox outbox;
    private final Clock clock;

    MessageWriter(MessageRules rules, MessageRepository messages, SessionViews sessions,
                  EventOutbox outbox, Clock clock) {
        this.rules = rules;
        this.messages = messages;
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Settles what it can of {@code requests}, answering in their order. An empty answer means the session is not in
     * the view yet; nothing was done for that request and it may be tried again.
     *
     * <p>The sessions' rows are locked first, so concurrent writers to one session queue up there: each takes the
     * sequences after the previous one's, and each sees what the previous one committed when it looks for an earlier
     * message with the same temp id (read committed). A repeat of a temp id across sessions is caught by the unique
     * key instead, as a DuplicateKeyException that the caller retries.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public List<Optional<SendOutcome>> write(List<SendRequest> requests) {
        int count = requests.size();
        SendOutcome[] outcomes = new SendOutcome[count];
        MessageEvent[] announcements = new MessageEvent[count];
        List<Integer> admitted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<Rejected> rejection = rules.checkMessage(requests.get(i));
            if (rejection.isPresent()) {
                outcomes[i] = rejection.get();
            }
            else {
                admitted.add(i);
            }
        }

        Set<String> sessionIds = new TreeSet<>();
        admitted.forEach(i -> sessionIds.add(requests.get(i).sessionId()));
        Map<String, SessionView> views = new HashMap<>(sessions.lockAll(sessionIds));
        Map<IdempotencyKey, StoredMessage> earlier = new HashMap<>(messages.findByIdempotencyKeys(
                admitted.stream().flatMap(i -> requests.get(i).idempotencyKey().stream()).toList()));

        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<StoredMessage> inserts = new ArrayList<>();
        Set<String> advanced = new LinkedHashSet<>();
        for (int i : admitted) {
            SendRequest request = requests.get(i);
            StoredMessage first = request.idempotencyKey().map(earlier::get).orElse(null);
            if (first != null) {
                outcomes[i] = new Stored(first);
                if (request.viaKafka()) {
                    sessionOf(first, views).ifPresent(view -> announcements[i] = MessageEvents.stored(first, view));
                }
                continue;
            }
            SessionView view = views.get(request.sessionId());
            if (view == null) {
                continue;
            }
            Optional<Rejected> rejection = rules.checkSession(view, request.sender());
            if (rejection.isPresent()) {
                outcomes[i] = rejection.get();
                continue;
            }
            StoredMessage message = newMessage(request, view.nextSequence(), now);
            SessionView after = view.afterMessageFrom(
                    request.sender().type() == SenderType.ADMIN ? request.sender().userId() : null);
            views.put(after.sessionId(), after);
            advanced.add(after.sessionId());
            inserts.add(message);
            request.idempotencyKey().ifPresent(key -> earlier.put(key, message));
            outcomes[i] = new Stored(message);
            announcements[i] = MessageEvents.stored(message, after);
        }
        messages.insertAll(inserts);
        sessions.saveProgress(advanced.stream().map(views::get).toList());

        for (int i = 0; i < count; i++) {
            if (outcomes[i] instanceof Rejected rejection && requests.get(i).viaKafka()) {
                announcements[i] = MessageEvents.rejected(requests.get(i), rejection, now);
            }
        }
        outbox.announce(Arrays.stream(announcements).filter(Objects::nonNull).toList());
        return Arrays.stream(outcomes).map(Optional::ofNullable).toList();
    }

    /** Refuses requests whose session never showed up, telling Kafka senders so. */
    @Transactional
    public List<Rejected> refuseUnknownSessions(List<SendRequest> requests) {
        Rejected rejection = new Rejected(ErrorCode.NOT_FOUND, "session not found");
        Instant now = clock.instant();
        outbox.announce(requests.stream()
                .filter(SendRequest::viaKafka)
                .map(request -> MessageEvents.rejected(request, rejection, now))
                .toList());
        return requests.stream().map(request -> rejection).toList();
    }

    /** The session a repeated message was first stored in: usually locked already, unless the temp id was reused. */
    private Optional<SessionView> sessionOf(StoredMessage message, Map<String, SessionView> locked) {
        SessionView view = locked.get(message.sessionId());
        return view != null ? Optional.of(view) : sessions.find(message.sessionId());
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

    private static String truncate(String value, int maxLength) {
        return value == null || value.length() <= maxLength ? value : value.substring(0, maxLength);
    }
}
