package com.loyalty.chat.realtime.connection;

/** What a connection tells the node's meters as frames pass; {@link #NONE} where nothing is measured (unit tests). */
interface FrameTally {

    FrameTally NONE = new FrameTally() {
        @Override
        public void received() {
        }

        @Override
        public void sent() {
        }

        @Override
        public void closedAsSlow() {
        }
    };

    /** A whole client frame, joined from its parts. */
    void received();

    /** A frame the socket has taken. */
    void sent();

    /** The connection was closed because its client does not read fast enough (1013). */
    void closedAsSlow();
}
