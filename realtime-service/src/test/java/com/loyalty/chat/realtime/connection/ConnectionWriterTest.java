package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.nio.charset.StandardCharsets;

import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.realtime.protocol.EncodedFrame;

class ConnectionWriterTest {

    // Real default methods: a batch reaches the socket as the frames it holds, one sendText each.
    private final ClientSocket session = mock(ClientSocket.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));
    private final CountDownLatch socketBlocked = new CountDownLatch(1);
    private final CountDownLatch releaseSocket = new CountDownLatch(1);

    @AfterEach
    void releaseTheSocket() {
        releaseSocket.countDown();
    }

    @Test
    void framesReachTheSocketInTheOrderTheyWereOffered() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> written.add(new String(invocation.<byte[]>getArgument(0), StandardCharsets.UTF_8)))
                .when(session).sendText(any());
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofSeconds(10));
        List<String> offered = IntStream.range(0, 2_000).mapToObj(i -> "frame-" + i).toList();

        offered.forEach(frame -> writer.offer(text(frame)));

        await().until(() -> written.size() == offered.size());
        assertThat(written).containsExactlyElementsOf(offered);
    }

    @Test
    void whatQueuedWhileTheSocketWasBusyReachesItAsOneBatch() throws Exception {
        blockTheSocket();
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> batches.add(invocation.<List<byte[]>>getArgument(0).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList()))
                .when(session).sendTexts(any());
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("taken alone"));
        socketBlocked.await();

        List.of("a", "b", "c").forEach(frame -> writer.offer(text(frame)));
        releaseSocket.countDown();

        await().until(() -> !batches.isEmpty());
        assertThat(batches).containsExactly(List.of("a", "b", "c"));
    }

    @Test
    void offeringNeverWaitsForASocketThatDoesNotTakeFrames() throws Exception {
        blockTheSocket();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        IntStream.range(0, 100).forEach(i -> writer.offer(text("queued " + i)));

        verify(session, timeout(30_000).times(1)).sendText(any());
    }

    @Test
    void aClientThatLetsTooMuchQueueUpIsClosedAsTooSlow() throws Exception {
        blockTheSocket();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000, Duration.ofMinutes(1));
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        verify(session, timeout(30_000)).close(ConnectionWriter.SLOW_CONSUMER);
    }

    @Test
    void aClientClosedAsTooSlowIsToldToTheMeters() throws Exception {
        blockTheSocket();
        CountingTally tally = new CountingTally();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000, Duration.ofMinutes(1), NodeBuffers.UNLIMITED, tally);
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        verify(session, timeout(30_000)).close(ConnectionWriter.SLOW_CONSUMER);
        assertThat(tally.slow).hasValue(1);
    }

    @Test
    void framesTheSocketTookAreToldToTheMeters() throws Exception {
        CountingTally tally = new CountingTally();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofSeconds(10), NodeBuffers.UNLIMITED, tally);

        writer.offer(text("one"));
        writer.offer(text("two"));

        await().until(() -> tally.sent.get() == 2);
    }

    private static final class CountingTally implements FrameTally {

        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger slow = new AtomicInteger();

        @Override
        public void received() {
        }

        @Override
        public void sent() {
            sent.incrementAndGet();
        }

        @Override
        public void closedAsSlow() {
            slow.incrementAndGet();
        }
    }

    /**
     * The node's buffers are over their limit (another slow client holds most of it) and this client holds more than
     * its share: it is closed as too slow although its own send buffer would still take more.
     */
    @Test
    void aClientHoldingMoreThanItsShareWhileTheNodeHoldsTooMuchIsClosedAsTooSlow() throws Exception {
        blockTheSocket();
        NodeBuffers nodeBuffers = new NodeBuffers(10_000, () -> 10);
        nodeBuffers.add(9_500);
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1), nodeBuffers);
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        verify(session, timeout(30_000)).close(ConnectionWriter.SLOW_CONSUMER);
        assertThat(nodeBuffers.held()).isEqualTo(9_500);
    }

    @Test
    void withinItsShareAClientStaysWhateverTheNodeHolds() throws Exception {
        blockTheSocket();
        NodeBuffers nodeBuffers = new NodeBuffers(10_000, () -> 10);
        nodeBuffers.add(50_000);
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1), nodeBuffers);
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        IntStream.range(0, 9).forEach(i -> writer.offer(text("x".repeat(100))));

        assertThat(writer.closing()).isFalse();
        assertThat(nodeBuffers.held()).isEqualTo(50_000 + 900);
    }

    @Test
    void aClientWhoseSocketTakesLongerThanTheSendTimeLimitIsClosedAsTooSlow() throws Exception {
        blockTheSocket();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMillis(1));
        writer.offer(text("stuck in the socket"));
        socketBlocked.await();

        await().untilAsserted(() -> {
            writer.offer(text("next"));
            verify(session).close(ConnectionWriter.SLOW_CONSUMER);
        });
    }

    @Test
    void framesOfferedDuringTheGreetingWaitBehindIt() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> written.add(new String(invocation.<byte[]>getArgument(0), StandardCharsets.UTF_8)))
                .when(session).sendText(any());
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofSeconds(10));
        writer.holdForGreeting();

        writer.greet(text("connection_established"));
        writer.offer(text("routed while greeting"));
        writer.greet(text("offline_messages"));
        writer.greeted();

        await().until(() -> written.size() == 3);
        assertThat(written).containsExactly("connection_established", "offline_messages", "routed while greeting");
    }

    @Test
    void aGreetingFrameIsReportedWrittenOnlyOnceTheSocketTookIt() throws Exception {
        blockTheSocket();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.holdForGreeting();

        CompletableFuture<Void> written = writer.greet(text("offline_messages part 1"));
        socketBlocked.await();
        assertThat(written).isNotDone();
        releaseSocket.countDown();

        await().until(written::isDone);
    }

    @Test
    void aGreetingFrameDroppedWithTheConnectionStopsTheWaitForIt() throws Exception {
        blockTheSocket();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.holdForGreeting();
        writer.greet(text("stuck in the socket"));
        socketBlocked.await();
        CompletableFuture<Void> queued = writer.greet(text("never written"));

        writer.close(ConnectionWriter.SLOW_CONSUMER);

        await().until(queued::isDone);
        assertThat(writer.closing()).isTrue();
    }

    @Test
    void aClosingFrameIsWrittenAfterWhatIsQueuedAndThenTheSessionClosesDroppingWhatCameLater() throws Exception {
        List<String> written = recordWritesBlockingTheFirst();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("in the socket"));
        socketBlocked.await();
        writer.offer(text("queued before"));

        writer.closeAfter(text("error 4002"), CloseStatus.POLICY_VIOLATION);
        writer.offer(text("queued after"));
        releaseSocket.countDown();

        verify(session, timeout(30_000)).close(CloseStatus.POLICY_VIOLATION);
        assertThat(written).containsExactly("in the socket", "queued before", "error 4002");
    }

    @Test
    void aPingOvertakesQueuedFrames() throws Exception {
        List<String> written = recordWritesBlockingTheFirst();
        ConnectionWriter writer = new ConnectionWriter(session, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("in the socket"));
        socketBlocked.await();
        writer.offer(text("queued"));

        writer.ping();
        releaseSocket.countDown();

        await().until(() -> written.size() == 3);
        assertThat(written).containsExactly("in the socket", "ping", "queued");
    }

    /** What the socket takes, pings as "ping"; its first write blocks until the test releases it. */
    private List<String> recordWritesBlockingTheFirst() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        doAnswer(invocation -> {
            written.add(new String(invocation.<byte[]>getArgument(0), StandardCharsets.UTF_8));
            if (written.size() == 1) {
                socketBlocked.countDown();
                releaseSocket.await();
            }
            return null;
        }).when(session).sendText(any());
        doAnswer(invocation -> written.add("ping")).when(session).sendPing();
        return written;
    }

    private void blockTheSocket() throws Exception {
        doAnswer(invocation -> {
            socketBlocked.countDown();
            releaseSocket.await();
            return null;
        }).when(session).sendText(any());
    }

    private static EncodedFrame text(String text) {
        return new EncodedFrame(text.getBytes(StandardCharsets.UTF_8));
    }
}
