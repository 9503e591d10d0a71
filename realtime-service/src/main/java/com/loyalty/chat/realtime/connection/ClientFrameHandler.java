package com.loyalty.chat.realtime.connection;

import java.util.Set;

import com.loyalty.chat.realtime.protocol.ClientFrame;

/**
 * Handles the client frames of some types, on the (virtual) thread that read the frame, which may block; frames of
 * one connection arrive one at a time and in order. Each handler is a bean; a new client frame type is a new handler.
 */
public interface ClientFrameHandler {

    /** The frame types handled; aliases of one action (e.g. {@code send_message}, {@code chat_message}) share one. */
    Set<String> types();

    /**
     * Answers the frame, if at all, through the connection.
     *
     * @throws com.loyalty.chat.contracts.api.ChatException to answer with an {@code error} frame of its code; a
     *         {@link FrameRejectedException} also names the message concerned
     */
    void handle(Connection connection, ClientFrame frame);
}
