package com.loyalty.chat.realtime.catchup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.api.OfflineQuestions;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.peers.Peers;
import com.loyalty.chat.realtime.peers.ServiceClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Asks message-service what connections missed, many connections in one request ({@link OfflineQuestions}): in a
 * reconnect storm, a request per connection cost message-service more than its answers did. A few askers each take
 * whatever questions are waiting, up to a batch, as one request. A question asked while an asker is free goes at once,
 * alone; questions gather only while every asker is busy, so batching never adds a wait of its own, and a storm
 * waits its turn instead of flooding message-service.
 */
@Component
class OfflineQuestionBatches implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OfflineQuestionBatches.class);

    private record Question(Connection connection, CompletableFuture<MissedMessages.Page> answer) {
    }

    private final ServiceClient messageService;
    private final CatchupProperties properties;
    private final BlockingQueue<Question> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> askers = new ArrayList<>();
    private volatile boolean stopped;

    OfflineQuestionBatches(Peers peers, CatchupProperties properties, MeterRegistry registry) {
        this.messageService = peers.messageService();
        this.properties = properties;
        Gauge.builder("chat.realtime.offline.questions.waiting", waiting, BlockingQueue::size)
                .description("Connections waiting for an asker to take their offline question to message-service")
                .register(registry);
        for (int i = 0; i < properties.offlineConcurrency(); i++) {
            askers.add(Thread.ofVirtual().name("offline-questions-" + i).start(this::askInTurn));
        }
    }

    /**
     * What reached none of the connection's client's connections while it had none open; blocks the calling
     * (virtual) thread until message-service has said.
     *
     * @throws ChatException message-service's refusal of the client's question, or 5003
     */
    MissedMessages.Page ask(Connection connection) {
        Question question = new Question(connection, new CompletableFuture<>());
        waiting.add(question);
        if (stopped) {
            failWaiting();
        }
        try {
            return question.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof ChatException refusal ? refusal : e;
        }
    }

    @Override
    public void destroy() {
        stopped = true;
        askers.forEach(Thread::interrupt);
        failWaiting();
    }

    private void askInTurn() {
        List<Question> batch = new ArrayList<>(properties.offlineBatchSize());
        while (!stopped) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException stopping) {
                return;
            }
            waiting.drainTo(batch, properties.offlineBatchSize() - 1);
            answer(batch);
            batch.clear();
        }
    }

    private void answer(List<Question> batch) {
        List<Question> asked = new ArrayList<>(batch.size());
        for (Question question : batch) {
            if (question.connection().closing()) {
                // Gone while waiting its turn: nobody to tell.
                question.answer().complete(MissedMessages.Page.NOTHING);
            } else {
                asked.add(question);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        try {
            JsonNode answers = messageService.post(OfflineQuestions.PATH, new OfflineQuestions(
                    properties.offlineLimit(), asked.stream().map(question -> new OfflineQuestions.Question(
                            question.connection().identity().token(), question.connection().role())).toList()))
                    .path("answers");
            if (answers.size() != asked.size()) {
                log.warn("message-service answered {} of {} offline questions", answers.size(), asked.size());
                throw new ChatException(ErrorCode.UNAVAILABLE);
            }
            for (int i = 0; i < asked.size(); i++) {
                settle(asked.get(i).answer(), answers.get(i));
            }
        } catch (ChatException refused) {
            // The request as a whole, not any client's question, was refused: message-service cannot say.
            if (refused.errorCode() != ErrorCode.UNAVAILABLE) {
                log.warn("message-service refused {} offline questions with {}", asked.size(),
                        refused.errorCode().code());
            }
            asked.forEach(OfflineQuestionBatches::unavailable);
        } catch (RuntimeException e) {
            log.error("Offline questions failed", e);
            asked.forEach(OfflineQuestionBatches::unavailable);
        }
    }

    private static void settle(CompletableFuture<MissedMessages.Page> answer, JsonNode given) {
        if (given.has("code")) {
            answer.completeExceptionally(ServiceClient.refusal(given.path("code").asInt(0),
                    given.path("msg").asString("")));
        } else {
            answer.complete(new MissedMessages.Page(given.path("messages").valueStream().toList(),
                    given.path("hasMore").asBoolean(false)));
        }
    }

    private void failWaiting() {
        for (Question question = waiting.poll(); question != null; question = waiting.poll()) {
            unavailable(question);
        }
    }

    /** Message-service cannot say: the client hears 5003 and can {@code sync}. */
    private static void unavailable(Question question) {
        question.answer().completeExceptionally(new ChatException(ErrorCode.UNAVAILABLE));
    }
}
