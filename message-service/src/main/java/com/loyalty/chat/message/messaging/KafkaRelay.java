package com.loyalty.chat.message.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.loyalty.chat.contracts.events.MessageEvent;
import com.loyalty.chat.contracts.events.Topics;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends committed outbox publications to {@link Topics#MESSAGE_EVENTS}, each event keyed by its session id so that a
 * session's events stay in one partition, in order. Runs after commit on the single outbox thread
 * ({@link OrderedExternalization}), so publications go out in commit order. It returns once Kafka has acknowledged
 * every event of the publication; only then does Modulith mark the publication complete (delete it). If a send
 * fails, the whole publication stays incomplete and is sent again later.
 */
@Component
class KafkaRelay {

    private final KafkaTemplate<String, Object> kafka;

    KafkaRelay(KafkaTemplate<String, Object> kafka) {
        this.kafka = kafka;
    }

    @Async
    @TransactionalEventListener
    void relay(OutboxBatch batch) {
        List<CompletableFuture<?>> acknowledgements = new ArrayList<>();
        for (MessageEvent event : batch.events()) {
            CompletableFuture<?> acknowledgement = kafka.send(Topics.MESSAGE_EVENTS, event.sessionId(), event);
            if (acknowledgement.isCompletedExceptionally()) {
                // Failed before it left (e.g. no metadata within max.block.ms): each further send would wait as long.
                acknowledgement.join();
            }
            acknowledgements.add(acknowledgement);
        }
        CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new)).join();
    }
}
