package com.loyalty.chat.realtime.catchup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import com.loyalty.chat.chassis.testing.TestSocket;
import com.loyalty.chat.localstack.LocalStackInitializer;
import com.loyalty.chat.realtime.support.MessageServiceStub;
import com.loyalty.chat.realtime.support.Nodes;
import com.loyalty.chat.realtime.support.Stubs;
import com.loyalty.chat.realtime.support.TestAccount;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A node of its own with one asker, so that which questions wait while it is busy is up to the test: they go to
 * message-service together once it is free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.realtime.node.id=node-batching",
        "chat.realtime.catchup.offline-concurrency=1"})
@ContextConfiguration(initializers = {LocalStackInitializer.class, Stubs.class})
class OfflineQuestionBatchingTest {

    private final MessageServiceStub messageService = MessageServiceStub.shared();

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @AfterEach
    void messageServiceAnswers() {
        messageService.answerOfflineQuestions();
    }

    @Test
    void questionsAskedWhileTheAskerIsBusyGoToMessageServiceInOneRequest() {
        int before = messageService.offlineRequests().size();
        messageService.holdOfflineQuestions();
        try (TestSocket first = connect("first");
             TestSocket second = connectWhileTheAskerIsBusy(before, "second");
             TestSocket third = connect("third")) {
            awaitWaiting(2);

            messageService.answerOfflineQuestions();

            List.of(first, second, third).forEach(client -> client.awaitFrame("offline_messages"));
            assertThat(requestsSince(before)).containsExactly(1, 2);
        }
    }

    @Test
    void aConnectionClosedWhileItsQuestionWaitedIsNotAskedFor() {
        int before = messageService.offlineRequests().size();
        messageService.holdOfflineQuestions();
        try (TestSocket first = connect("first")) {
            try (TestSocket gone = connectWhileTheAskerIsBusy(before, "gone")) {
                awaitWaiting(1);
            }
            await().until(() -> meters.get("chat.realtime.connections").tag("dialect", "ws").gauge().value() == 1);

            messageService.answerOfflineQuestions();

            first.awaitFrame("offline_messages");
            await().until(() -> waiting() == 0);
            assertThat(requestsSince(before)).containsExactly(1);
        }
    }

    /** Once the first connection's question is with message-service, held there. */
    private TestSocket connectWhileTheAskerIsBusy(int requestsBefore, String nickname) {
        await().until(() -> requestsSince(requestsBefore).size() == 1);
        return connect(nickname);
    }

    private TestSocket connect(String nickname) {
        TestSocket client = TestSocket.connect(Nodes.uri(port, "/ws?token=" + TestAccount.next(nickname).userToken()));
        client.awaitFrame("connection_established");
        return client;
    }

    private void awaitWaiting(int questions) {
        await().until(() -> waiting() == questions);
    }

    private double waiting() {
        return meters.get("chat.realtime.offline.questions.waiting").gauge().value();
    }

    private List<Integer> requestsSince(int before) {
        List<Integer> requests = messageService.offlineRequests();
        return requests.subList(before, requests.size());
    }
}
