package com.loyalty.chat.realtime.connection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.realtime.protocol.ClientFrame;
import com.loyalty.chat.realtime.protocol.Dialect;

/**
 * Routes a client frame to the handler of its type and turns refusals ({@link ChatException}, with their code) and
 * failures (5000) into {@code error} frames.
 */
@Component
class ClientFrameDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ClientFrameDispatcher.class);

    private final Map<String, ClientFrameHandler> handlers = new HashMap<>();

    ClientFrameDispatcher(List<ClientFrameHandler> handlers) {
        for (ClientFrameHandler handler : handlers) {
            for (String type : handler.types()) {
                ClientFrameHandler previous = this.handlers.putIfAbsent(type, handler);
                if (previous != null) {
                    throw new IllegalStateException("Frame type " + type + " has two handlers: "
                            + previous.getClass().getName() + " and " + handler.getClass().getName());
                }
            }
        }
    }

    void dispatch(Connection connection, ClientFrame frame) {
        Dialect dialect = connection.dialect();
        ClientFrameHandler handler = handlers.get(frame.type());
        if (handler == null) {
            connection.send(dialect.error(ErrorCode.INVALID_REQUEST.code(), "unknown type: " + frame.type(),
                    frame.type(), null, frame.requestId()));
            return;
        }
        try {
            handler.handle(connection, frame);
        } catch (ChatException e) {
            String tempMessageId = e instanceof FrameRejectedException rejected ? rejected.tempMessageId() : null;
            connection.send(dialect.error(e.errorCode().code(), e.getMessage(), frame.type(), tempMessageId,
                    frame.requestId()));
        } catch (RuntimeException e) {
            log.error("Handling {} on {} failed", frame.type(), connection, e);
            connection.send(dialect.error(ErrorCode.INTERNAL.code(), ErrorCode.INTERNAL.defaultMessage(),
                    frame.type(), null, frame.requestId()));
        }
    }
}
