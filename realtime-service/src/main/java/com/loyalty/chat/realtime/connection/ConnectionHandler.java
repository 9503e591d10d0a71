package com.loyalty.chat.realtime.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.protocol.ClientFrame;
import com.loyalty.chat.realtime.protocol.FrameCodec;
import com.loyalty.chat.realtime.protocol.MalformedFrameException;
import com.loyalty.chat.realtime.protocol.Dialect;
import com.loyalty.chat.realtime.protocol.ServerFrame;

/**
 * The container's view of one endpoint: its events become the connection's lifecycle and client frames.
 *
 * <p>Frames arrive in parts no larger than the container's small receive buffer and are joined here, up to the
 * frame limit: the container would otherwise hold a buffer as large as the largest allowed frame for every
 * connection, whether it ever sends one or not.
 */
final class ConnectionHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final String CONNECTION_ATTRIBUTE = Connection.class.getName();
    private static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("frame too large");
    /** 1013, as for a reader too slow: the node holds too much for its clients to take a large frame now. */
    private static final CloseStatus TRY_AGAIN_LATER = CloseStatus.SERVICE_OVERLOAD.withReason("node busy, try again later");

    private final Dialect dialect;
    private final ConnectionLifecycle lifecycle;
    private final ClientFrameDispatcher dispatcher;
    private final FrameCodec codec;
    private final long maxFrameBytes;
    private final FrameTally tally;

    ConnectionHandler(Dialect dialect, ConnectionLifecycle lifecycle, ClientFrameDispatcher dispatcher,
                      FrameCodec codec, ConnectionProperties properties, FrameTally tally) {
        this.tally = tally;
        this.dialect = dialect;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.maxFrameBytes = properties.maxFrameSize().toBytes();
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(CONNECTION_ATTRIBUTE, lifecycle.open(session, dialect));
    }

    /** Nothing a client sends after the node decided to close it is acted on, not even the rest of a large frame. */
    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connectionOf(session);
        if (connection.closing()) {
            return;
        }
        connection.frameReceived();
        String part = message.getPayload();
        long frameBytes = connection.partialFrameBytes() + utf8Length(part);
        if (frameBytes > maxFrameBytes) {
            connection.close(TOO_BIG);
            return;
        }
        if (!message.isLast() && connection.partialFrameOverShare(frameBytes)) {
            connection.close(TRY_AGAIN_LATER);
            return;
        }
        String text = connection.joinFrame(part, frameBytes, message.isLast());
        if (text != null) {
            receive(connection, text);
        }
    }

    /** A frame over the rate limit is dropped, but still answered, with what could be read of it. */
    private void receive(Connection connection, String text) {
        tally.received();
        boolean withinRateLimit = connection.withinRateLimit();
        ClientFrame frame;
        try {
            frame = codec.decode(text);
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

    /**
     * What the part weighed on the wire: the container hands over decoded characters, and the limit is on the bytes a
     * client sends (a CJK character is three). A surrogate pair counts 2 + 2, its four bytes.
     */
    private static long utf8Length(String part) {
        long bytes = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        connectionOf(session).pongReceived();
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable failure) {
        log.debug("Transport error on {}", session.getId(), failure);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        if (session.getAttributes().get(CONNECTION_ATTRIBUTE) instanceof Connection connection) {
            lifecycle.closed(connection);
        }
    }

    private static Connection connectionOf(WebSocketSession session) {
        return (Connection) session.getAttributes().get(CONNECTION_ATTRIBUTE);
    }
}
