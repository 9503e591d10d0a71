package com.loyalty.chat.message.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import com.loyalty.chat.contracts.events.MessageCommand.SendMessage;
import com.loyalty.chat.message.sending.SendOutcome.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one way messages get stored, for Kafka batches and single REST sends alike. Requests whose session the view
 * does not know yet are tried again with growing pauses, because the SessionOpened may simply not have been
 * consumed yet; after {@code patience} they are refused with 4004.
 */
@Service
public class MessageSending {

    private static final Logger log = LoggerFactory.getLogger(MessageSending.class);
    private static final int MAX_WRITE_ATTEMPTS = 3;

    private final MessageWriter writer;
    private final SendingProperties properties;

    MessageSending(MessageWriter writer, SendingProperties properties) {
        this.writer = writer;
        this.properties = properties;
    }

    /**
     * Stores the SendMessage commands of one poll together. Their senders hear of the outcome through MessageEvents
     * (MessageStored, also for a repeat, or MessageRejected).
     */
    public void storeCommands(List<SendMessage> commands) {
        if (!commands.isEmpty()) {
            send(commands.stream().map(SendRequest::of).toList(), properties.unknownSession().commandPatience());
        }
    }

    /** Settles every request, answering in their order. */
    List<SendOutcome> send(List<SendRequest> requests, Duration patience) {
        SendOutcome[] outcomes = new SendOutcome[requests.size()];
        List<Integer> open = IntStream.range(0, requests.size()).boxed().toList();
        BackOffExecution pauses = unknownSessionBackOff(patience).start();
        while (!open.isEmpty()) {
            List<Optional<SendOutcome>> written = writeRetryingConflicts(open.stream().map(requests::get).toList());
            List<Integer> waiting = new ArrayList<>();
            for (int k = 0; k < open.size(); k++) {
                int index = open.get(k);
                written.get(k).ifPresentOrElse(outcome -> outcomes[index] = outcome, () -> waiting.add(index));
            }
            open = waiting;
            if (!open.isEmpty() && !pause(pauses)) {
                List<Rejected> refused = writer.refuseUnknownSessions(open.stream().map(requests::get).toList());
                for (int k = 0; k < open.size(); k++) {
                    outcomes[open.get(k)] = refused.get(k);
                }
                open = List.of();
            }
        }
        return List.of(outcomes);
    }

    SendOutcome sendOne(SendRequest request, Duration patience) {
        return send(List.of(request), patience).getFirst();
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

    private ExponentialBackOff unknownSessionBackOff(Duration patience) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.unknownSession().initialBackoff().toMillis(), 2);
        backOff.setMaxInterval(properties.unknownSession().maxBackoff().toMillis());
        backOff.setMaxElapsedTime(patience.toMillis());
        return backOff;
    }

    /** Waits for the next pause; false when patience has run out. */
    private static boolean pause(BackOffExecution pauses) {
        long millis = pauses.nextBackOff();
        if (millis == BackOffExecution.STOP) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
