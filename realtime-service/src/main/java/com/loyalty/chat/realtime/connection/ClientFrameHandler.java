package com.loyalty.chat.realtime.connection;

import java.util.Set;

import com.loyalty.chat.realtime.protocol.ClientFrame;

/**
 * Handles the client frames of some types, on the thread that read the frame; frames of one connection arrive one
 * at a time and in order. Each handler is a bean; a new client frame type is a new handler.
 */
public interface ClientFrameHandler {

    /** The frame types handled; aliases of one action (e.g. {@code send_message}, {@code chat_message}) share one. */
    Set<String> types();

    /**
     * Answers the frame, if at all, through the connection.
     *
     * @throws FrameRejectedException to answer with an {@code error} frame
     */
    void handle(Connection connection, ClientFrame frame);
}
