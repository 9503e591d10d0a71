package com.loyalty.chat.realtime.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.realtime.protocol.EncodedFrame;

class ConnectionWriterTest {

    private final RecordingSocket socket = new RecordingSocket();

    @Test
    void framesReachTheSocketInTheOrderTheyWereOffered() {
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofSeconds(10));
        List<String> offered = IntStream.range(0, 2_000).mapToObj(i -> "frame-" + i).toList();

        offered.forEach(frame -> writer.offer(text(frame)));

        await().until(() -> socket.written.size() == offered.size());
        assertThat(socket.written).containsExactlyElementsOf(offered);
    }

    @Test
    void whatQueuedWhileTheSocketWasBusyReachesItAsOneBatch() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("taken alone"));

        List.of("a", "b", "c").forEach(frame -> writer.offer(text(frame)));
        socket.release();

        await().until(() -> socket.batches.size() == 2);
        assertThat(socket.batches).containsExactly(List.of("taken alone"), List.of("a", "b", "c"));
    }

    @Test
    void offeringNeverWaitsForASocketThatDoesNotTakeFrames() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("stuck in the socket"));

        IntStream.range(0, 100).forEach(i -> writer.offer(text("queued " + i)));

        assertThat(socket.batches).containsExactly(List.of("stuck in the socket"));
        assertThat(writer.closing()).isFalse();
    }

    @Test
    void aClientThatLetsTooMuchQueueUpIsClosedAsTooSlow() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000, Duration.ofMinutes(1));
        writer.offer(text("stuck in the socket"));

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        await().until(() -> socket.closes.contains(ConnectionWriter.SLOW_CONSUMER));
    }

    @Test
    void aClientClosedAsTooSlowIsToldToTheMeters() {
        socket.hold();
        CountingTally tally = new CountingTally();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000, Duration.ofMinutes(1), NodeBuffers.UNLIMITED, tally);
        writer.offer(text("stuck in the socket"));

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        await().until(() -> socket.closes.contains(ConnectionWriter.SLOW_CONSUMER));
        assertThat(tally.slow).hasValue(1);
    }

    @Test
    void framesTheSocketTookAreToldToTheMeters() {
        CountingTally tally = new CountingTally();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofSeconds(10), NodeBuffers.UNLIMITED, tally);

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
    void aClientHoldingMoreThanItsShareWhileTheNodeHoldsTooMuchIsClosedAsTooSlow() {
        socket.hold();
        NodeBuffers nodeBuffers = new NodeBuffers(10_000, () -> 10);
        nodeBuffers.add(9_500);
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1), nodeBuffers);
        writer.offer(text("stuck in the socket"));

        IntStream.range(0, 20).forEach(i -> writer.offer(text("x".repeat(100))));

        await().until(() -> socket.closes.contains(ConnectionWriter.SLOW_CONSUMER));
        assertThat(nodeBuffers.held()).isEqualTo(9_500);
    }

    @Test
    void withinItsShareAClientStaysWhateverTheNodeHolds() {
        socket.hold();
        NodeBuffers nodeBuffers = new NodeBuffers(10_000, () -> 10);
        nodeBuffers.add(50_000);
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1), nodeBuffers);
        writer.offer(text("stuck in the socket"));

        IntStream.range(0, 9).forEach(i -> writer.offer(text("x".repeat(100))));

        assertThat(writer.closing()).isFalse();
        assertThat(nodeBuffers.held()).isEqualTo(50_000 + 900);
    }

    @Test
    void aClientWhoseSocketTakesLongerThanTheSendTimeLimitIsClosedAsTooSlow() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMillis(1));
        writer.offer(text("stuck in the socket"));

        await().untilAsserted(() -> {
            writer.offer(text("next"));
            assertThat(socket.closes).contains(ConnectionWriter.SLOW_CONSUMER);
        });
    }

    @Test
    void framesOfferedDuringTheGreetingWaitBehindIt() {
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofSeconds(10));
        writer.holdForGreeting();

        writer.greet(text("connection_established"));
        writer.offer(text("routed while greeting"));
        writer.greet(text("offline_messages"));
        writer.greeted();

        await().until(() -> socket.written.size() == 3);
        assertThat(socket.written).containsExactly("connection_established", "offline_messages", "routed while greeting");
    }

    @Test
    void aGreetingFrameIsReportedWrittenOnlyOnceTheSocketTookIt() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.holdForGreeting();

        CompletableFuture<Void> written = writer.greet(text("offline_messages part 1"));
        assertThat(written).isNotDone();
        socket.release();

        await().until(written::isDone);
    }

    @Test
    void aGreetingFrameDroppedWithTheConnectionStopsTheWaitForIt() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.holdForGreeting();
        writer.greet(text("stuck in the socket"));
        CompletableFuture<Void> queued = writer.greet(text("never written"));

        writer.close(ConnectionWriter.SLOW_CONSUMER);

        await().until(queued::isDone);
        assertThat(writer.closing()).isTrue();
    }

    @Test
    void aClosingFrameIsWrittenAfterWhatIsQueuedAndThenTheSessionClosesDroppingWhatCameLater() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("in the socket"));
        socket.holdNoMore();
        writer.offer(text("queued before"));

        writer.closeAfter(text("error 4002"), CloseStatus.POLICY_VIOLATION);
        writer.offer(text("queued after"));
        socket.release();

        await().until(() -> socket.closes.contains(CloseStatus.POLICY_VIOLATION));
        assertThat(socket.written).containsExactly("in the socket", "queued before", "error 4002");
    }

    @Test
    void aPingOvertakesQueuedFrames() {
        socket.hold();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));
        writer.offer(text("in the socket"));
        socket.holdNoMore();
        writer.offer(text("queued"));

        writer.ping();
        socket.release();

        await().until(() -> socket.written.size() == 3);
        assertThat(socket.written).containsExactly("in the socket", "ping", "queued");
    }

    @Test
    void aClientWhoseSocketFailsAWriteIsClosedAsNotReliable() {
        socket.fail();
        ConnectionWriter writer = new ConnectionWriter(socket, 1_000_000, Duration.ofMinutes(1));

        writer.offer(text("never taken"));

        await().until(() -> socket.closes.contains(ConnectionWriter.SESSION_NOT_RELIABLE));
        assertThat(writer.closing()).isTrue();
    }

    /**
     * Records what it is handed (texts, pings as "ping"); takes each batch at once, unless held: then the batches it
     * is handed wait until released, as a socket whose client does not read.
     */
    private static final class RecordingSocket implements ClientSocket {

        final List<String> written = new CopyOnWriteArrayList<>();
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<CloseStatus> closes = new CopyOnWriteArrayList<>();
        private final List<CompletableFuture<Void>> held = new ArrayList<>();
        private boolean holding;
        private boolean failing;

        synchronized void hold() {
            holding = true;
        }

        /** What it holds stays held; what comes later is taken at once. */
        synchronized void holdNoMore() {
            holding = false;
        }

        synchronized void fail() {
            failing = true;
        }

        void release() {
            List<CompletableFuture<Void>> releasing;
            synchronized (this) {
                holding = false;
                releasing = new ArrayList<>(held);
                held.clear();
            }
            releasing.forEach(taken -> taken.complete(null));
        }

        @Override
        public String id() {
            return "test";
        }

        @Override
        public synchronized CompletableFuture<Void> send(List<byte[]> texts, boolean ping) {
            List<String> batch = texts.stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
            batches.add(batch);
            written.addAll(batch);
            if (ping) {
                written.add("ping");
            }
            if (failing) {
                return CompletableFuture.failedFuture(new IOException("connection reset"));
            }
            if (!holding) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> taken = new CompletableFuture<>();
            held.add(taken);
            return taken;
        }

        @Override
        public void close(CloseStatus status) {
            closes.add(status);
        }
    }

    private static EncodedFrame text(String text) {
        return new EncodedFrame(text.getBytes(StandardCharsets.UTF_8));
    }
}
