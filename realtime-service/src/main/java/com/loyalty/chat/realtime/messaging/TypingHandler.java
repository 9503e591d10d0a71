package com.loyalty.chat.realtime.messaging;

import java.time.Clock;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.api.ErrorCode;
import com.loyalty.chat.contracts.events.RealtimeSignal;
import com.loyalty.chat.contracts.events.RealtimeSignal.TypingChanged;
import com.loyalty.chat.realtime.connection.ClientFrameHandler;
import com.loyalty.chat.realtime.connection.Connection;
import com.loyalty.chat.realtime.connection.FrameRejectedException;
import com.loyalty.chat.realtime.protocol.ClientFrame;
import com.loyalty.chat.realtime.sessions.Participants;
import com.loyalty.chat.realtime.sessions.SessionDirectory;

/**
 * {@code typing_start} and {@code typing_stop} with {@code {sessionId}}: the other side of the session may sit on
 * any node, so the signal goes to every node through Kafka, with the participants resolved here, and each node tells
 * its own connections of the other side ({@code user_typing}). Nothing is answered to the typist.
 */
@Component
class TypingHandler implements ClientFrameHandler {

    private static final String TYPING_START = "typing_start";

    private final Commands commands;
    private final SessionDirectory sessions;
    private final Clock clock;

    TypingHandler(Commands commands, SessionDirectory sessions, Clock clock) {
        this.commands = commands;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPING_START, "typing_stop");
    }

    @Override
    public void handle(Connection connection, ClientFrame frame) {
        String sessionId = frame.data().path("sessionId").asString("");
        if (sessionId.isBlank()) {
            throw new FrameRejectedException(ErrorCode.INVALID_REQUEST, "sessionId is required", null);
        }
        Participants participants = sessions.participants(connection.identity(), sessionId);
        commands.signal(connection, frame, new TypingChanged(RealtimeSignal.SCHEMA_VERSION, sessionId,
                clock.instant(), connection.userId(), connection.role(), frame.type().equals(TYPING_START),
                participants.userId(), participants.adminId()));
    }
}
