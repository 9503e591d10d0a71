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
import com.loyalty.chat.realtime.protocol.Protocol;

/** The container's view of one endpoint: its events become the connection's lifecycle and client frames. */
final class ConnectionHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionHandler.class);
    private static final String CONNECTION_ATTRIBUTE = Connection.class.getName();

    private final Protocol protocol;
    private final ConnectionLifecycle lifecycle;
    private final ClientFrameDispatcher dispatcher;
    private final FrameCodec codec;

    ConnectionHandler(Protocol protocol, ConnectionLifecycle lifecycle, ClientFrameDispatcher dispatcher,
                      FrameCodec codec) {
        this.protocol = protocol;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.codec = codec;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(CONNECTION_ATTRIBUTE, lifecycle.open(session, protocol));
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        Connection connection = connectionOf(session);
        connection.frameReceived();
        ClientFrame frame;
        try {
            frame = codec.decode(message.getPayload());
        } catch (MalformedFrameException e) {
            connection.send(protocol.error(ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null, null, null));
            return;
        }
        dispatcher.dispatch(connection, frame);
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        connectionOf(session).frameReceived();
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
