package com.loyalty.chat.realtime.connection;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.handshake.ConnectionIdentity;
import com.loyalty.chat.realtime.protocol.ClientFrame;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.MalformedFrameException;
import com.loyalty.chat.realtime.protocol.ServerFrame;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One endpoint's upgraded connections: Netty's frames become the connection's lifecycle and client frames.
 *
 * <p>Frames are read off the event loop one at a time: the event loop only copies a frame's bytes and joins the parts
 * of a fragmented frame, up to the frame limit; what a frame means (decoding it, the handlers, which may call other
 * services or wait on Kafka) runs on a virtual thread, and the next frame is read only once that is done, so a
 * client's frames are handled in order and a client sending faster than its frames are handled is held back by TCP.
 * Opening and closing a connection tell listeners that may block, so they run on virtual threads too.
 */
final class ConnectionHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final Scheduler FRAME_THREADS = Schedulers.fromExecutorService(
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ws-frame-", 0).factory()), "ws-frame");
    private static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too large");
    /** 1013, as for a reader too slow: the node holds too much for its clients to take a large frame now. */
    private static final CloseStatus TRY_AGAIN_LATER = CloseStatus.SERVICE_OVERLOAD.withReason("node busy, try again later");
    private static final CloseStatus BINARY = CloseStatus.NOT_ACCEPTABLE.withReason("Binary messages not supported");

    private final Dialect dialect;
    private final ConnectionLifecycle lifecycle;
    private final ClientFrameDispatcher dispatcher;
    private final FrameCodec codec;
    private final ConnectionProperties properties;
    private final long maxFrameBytes;
    private final FrameTally tally;

    ConnectionHandler(Dialect dialect, ConnectionLifecycle lifecycle, ClientFrameDispatcher dispatcher,
                      FrameCodec codec, ConnectionProperties properties, FrameTally tally) {
        this.tally = tally;
        this.dialect = dialect;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.properties = properties;
        this.maxFrameBytes = properties.maxFrameSize().toBytes();
    }

    Mono<Void> handle(WebsocketInbound inbound, WebsocketOutbound outbound, ConnectionIdentity identity) {
        AtomicReference<Channel> channel = new AtomicReference<>();
        inbound.withConnection(connection -> channel.set(connection.channel()));
        ClientSocket socket = new NettySocket(channel.get(), outbound, properties.sendTimeLimit());
        return Mono.fromCallable(() -> lifecycle.open(socket, identity, dialect))
                .subscribeOn(FRAME_THREADS)
                .flatMap(connection -> inbound.receiveFrames()
                        .mapNotNull(frame -> read(connection, frame))
                        .concatMap(text -> Mono.fromRunnable(() -> receive(connection, text))
                                .subscribeOn(FRAME_THREADS), 1)
                        .onErrorResume(failure -> {
                            log.debug("Transport error on {}", connection, failure);
                            return Mono.empty();
                        })
                        .doFinally(signal -> FRAME_THREADS.schedule(() -> lifecycle.closed(connection)))
                        .then());
    }

    /**
     * On the event loop, which must not wait: the whole frame once its last part is read, or null. Nothing a client
     * sends after the node decided to close it is acted on, not even the rest of a large frame.
     */
    private byte @Nullable [] read(Connection connection, WebSocketFrame frame) {
        if (frame instanceof PongWebSocketFrame) {
            connection.pongReceived();
            return null;
        }
        if (connection.closing()) {
            return null;
        }
        if (frame instanceof BinaryWebSocketFrame) {
            connection.close(BINARY);
            return null;
        }
        if (!(frame instanceof TextWebSocketFrame || frame instanceof ContinuationWebSocketFrame)) {
            return null;
        }
        connection.frameReceived();
        long frameBytes = connection.partialFrameBytes() + frame.content().readableBytes();
        if (frameBytes > maxFrameBytes) {
            connection.close(TOO_BIG);
            return null;
        }
        if (!frame.isFinalFragment() && connection.partialFrameOverShare(frameBytes)) {
            connection.close(TRY_AGAIN_LATER);
            return null;
        }
        return connection.joinFrame(ByteBufUtil.getBytes(frame.content()), frame.isFinalFragment());
    }

    /** A frame over the rate limit is dropped, but still answered, with what could be read of it. */
    private void receive(Connection connection, byte[] frameBytes) {
        tally.received();
        boolean withinRateLimit = connection.withinRateLimit();
        ClientFrame frame;
        try {
            frame = codec.decode(new String(frameBytes, StandardCharsets.UTF_8));
        } catch (MalformedFrameException e) {
            connection.send(withinRateLimit
                    ? dialect.error(ErrorCode.INVALID_REQUEST.code(), e.getMessage(), e.requestType(), null, null)
                    : rateLimited(e.requestType(), null));
            return;
        }
        if (!withinRateLimit) {
            connection.send(rateLimited(frame.type(), frame.requestId()));
            return;
        }
        dispatcher.dispatch(connection, frame);
    }

    private ServerFrame rateLimited(String requestType, String requestId) {
        return dialect.error(ErrorCode.RATE_LIMITED.code(), ErrorCode.RATE_LIMITED.defaultMessage(), requestType,
                null, requestId);
    }
}
