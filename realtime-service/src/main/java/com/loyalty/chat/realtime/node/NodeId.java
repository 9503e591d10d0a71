package com.loyalty.chat.realtime.node;

import java.util.UUID;

/**
 * This node's name among the realtime nodes; unique while the node runs. {@code incarnation} tells this run of the
 * node from earlier runs under the same name.
 */
public record NodeId(String value, String incarnation) {

    public NodeId(String value) {
        this(value, UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * The consumer group for this run's broadcast consumption. A node restarted under its name after a crash must
     * not join the group of its dead predecessor: the broker would hold its partitions until the dead member's
     * session times out, and the node would deliver nothing meanwhile. The group needs no history either, as it
     * always starts at the end.
     */
    public String broadcastGroup() {
        return "realtime-" + value + "-" + incarnation;
    }

    @Override
    public String toString() {
        return value;
    }
}
