package com.loyalty.chat.realtime.node;

/** This node's name among the realtime nodes; unique while the node runs. */
public record NodeId(String value) {

    @Override
    public String toString() {
        return value;
    }
}
