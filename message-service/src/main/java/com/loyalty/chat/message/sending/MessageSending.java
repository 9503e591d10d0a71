package com.loyalty.chat.message.sending;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import com.loyalty.chat.chassis.kafka.TransientFailures;
import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import com.loyalty.chat.message.sessionview.SessionLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The one way messages get stored, for Kafka batches and single REST sends alike.
 *
 * <p>A send whose session the view does not know yet may have just been opened: its SessionOpened can reach this
 * service a few milliseconds after the first message. A REST send looks again for a short while
 * ({@link SessionLookup}) before it answers 4004. A Kafka send waits in {@link WaitingSends} instead of in the
 * consumer's poll, and {@link #settleWaitingSends} stores it once its session shows up or refuses it with 4004 when it
 * waited long enough; so no other session's commands ever wait for it.
 *
 * <p>A send that cannot be stored for a reason that will not pass (a constraint, a value out of range, a bug) never
 * holds up the others: a batch that fails so is stored one send at a time, and the send that fails alone is answered
 * with a MessageRejected. Transient failures (the database is away) are thrown, for the caller to try again.
 */
@Service
public class MessageSending {

    private static final Logger log = LoggerFactory.getLogger(MessageSending.class);
    private static final int MAX_WRITE_ATTEMPTS = 3;
    private static final int SESSIONS_PER_SETTLING = 100;
    private static final int ALL = Integer.MAX_VALUE;

    private final MessageWriter writer;
    private final WaitingSends waiting;
    private final SessionLookup sessions;
    private final Clock clock;

    MessageSending(MessageWriter writer, WaitingSends waiting, SessionLookup sessions, Clock clock) {
        this.writer = writer;
        this.waiting = waiting;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Stores the SendMessage commands of one poll together. Their senders hear of the outcome through MessageEvents
     * (MessageStored, also for a repeat, or MessageRejected), at once or, for a session not known yet, once it shows
     * up or the wait is over.
     */
    public void storeCommands(List<SendMessage> commands) {
        List<SendRequest> requests = commands.stream().map(SendRequest::of).toList();
        if (requests.isEmpty()) {
            return;
        }
        try {
            writeRetryingConflicts(requests);
        }
        catch (RuntimeException failure) {
            rethrowIfTransient(failure);
            if (requests.size() == 1) {
                refuse(requests.getFirst(), failure);
                return;
            }
            log.warn("{} SendMessages could not be stored together, storing them one at a time: {}", requests.size(),
                    failure.toString());
            requests.forEach(this::storeAlone);
        }
    }

    /** Settles a REST send; a session the view does not know is looked for again (see {@link SessionLookup}). */
    SendOutcome sendOne(SendRequest request) {
        Optional<SendOutcome> outcome = writeOne(request);
        if (outcome.isEmpty() && sessions.find(request.sessionId()).isPresent()) {
            outcome = writeOne(request);
        }
        return outcome.orElseGet(() -> new Rejected(ErrorCode.NOT_FOUND, ChatException.SESSION_NOT_FOUND));
    }

    private Optional<SendOutcome> writeOne(SendRequest request) {
        try {
            return writeRetryingConflicts(List.of(request)).getFirst();
        }
        catch (RuntimeException failure) {
            rethrowIfTransient(failure);
            log.error("A REST send to {} from {} could not be stored", request.sessionId(),
                    request.sender().userId(), failure);
            return Optional.of(rejectionFor(failure));
        }
    }

    /**
     * Stores the waiting sends whose session has shown up and refuses those that waited long enough, a session at a
     * time. A send that cannot be stored is refused, so it never holds up the sends queued behind it.
     */
    void settleWaitingSends() {
        for (String sessionId : waiting.sessionsToSettle(clock.instant(), SESSIONS_PER_SETTLING)) {
            try {
                writer.settleWaiting(sessionId, ALL);
            }
            catch (RuntimeException failure) {
                rethrowIfTransient(failure);
                log.warn("The sends waiting for {} could not be settled together, settling them one at a time: {}",
                        sessionId, failure.toString());
                settleOneAtATime(sessionId);
            }
        }
    }

    private void settleOneAtATime(String sessionId) {
        while (true) {
            try {
                if (writer.settleWaiting(sessionId, 1) == 0) {
                    return;
                }
            }
            catch (RuntimeException failure) {
                rethrowIfTransient(failure);
                log.error("A send waiting for {} could not be stored", sessionId, failure);
                writer.refuseFirstWaiting(sessionId, rejectionFor(failure));
            }
        }
    }

    private void storeAlone(SendRequest request) {
        try {
            writeRetryingConflicts(List.of(request));
        }
        catch (RuntimeException failure) {
            rethrowIfTransient(failure);
            refuse(request, failure);
        }
    }

    private void refuse(SendRequest request, RuntimeException failure) {
        log.error("SendMessage {} from {} to {} could not be stored", request.commandId(), request.sender().userId(),
                request.sessionId(), failure);
        writer.refuse(List.of(request), rejectionFor(failure));
    }

    /**
     * A write loses a race it can win on a second try: the same temp id stored concurrently into another session
     * (the unique key fires; the retry finds that message), or a deadlock.
     */
    private List<Optional<SendOutcome>> writeRetryingConflicts(List<SendRequest> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.write(batch);
            }
            catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                if (attempt == MAX_WRITE_ATTEMPTS) {
                    throw e;
                }
                log.debug("Write of {} messages lost a race, trying again: {}", batch.size(), e.getMessage());
            }
        }
    }

    /** A value the database refuses is the sender's to fix; anything else is ours. */
    private static Rejected rejectionFor(RuntimeException failure) {
        return failure instanceof DataIntegrityViolationException
                ? new Rejected(ErrorCode.INVALID_REQUEST, "the message holds a value that cannot be stored")
                : new Rejected(ErrorCode.INTERNAL, "the message could not be stored");
    }

    private static void rethrowIfTransient(RuntimeException failure) {
        if (TransientFailures.isTransient(failure)) {
            throw failure;
        }
    }
}
