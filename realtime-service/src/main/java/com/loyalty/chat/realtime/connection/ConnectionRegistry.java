package com.loyalty.chat.realtime.connection;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.loyalty.chat.contracts.events.SenderType;

/** This node's open connections, found by account and role, or all admin connections at once. */
@Component
public class ConnectionRegistry {

    private record Member(long userId, SenderType role) {
    }

    private final Map<String, Connection> all = new ConcurrentHashMap<>();
    private final Map<Member, Set<Connection>> byMember = new ConcurrentHashMap<>();
    private final Set<Connection> admins = ConcurrentHashMap.newKeySet();

    void add(Connection connection) {
        all.put(connection.id(), connection);
        byMember.compute(memberOf(connection), (member, connections) -> {
            Set<Connection> set = connections != null ? connections : ConcurrentHashMap.newKeySet();
            set.add(connection);
            return set;
        });
        if (connection.role() == SenderType.ADMIN) {
            admins.add(connection);
        }
    }

    /** @return false when the connection was not registered (any more) */
    boolean remove(Connection connection) {
        if (all.remove(connection.id()) == null) {
            return false;
        }
        byMember.computeIfPresent(memberOf(connection), (member, connections) -> {
            connections.remove(connection);
            return connections.isEmpty() ? null : connections;
        });
        admins.remove(connection);
        return true;
    }

    /** The connections of one account acting in one role; an account that is also an admin has both kinds. */
    public Collection<Connection> of(long userId, SenderType role) {
        return byMember.getOrDefault(new Member(userId, role), Set.of());
    }

    public Collection<Connection> admins() {
        return admins;
    }

    public Collection<Connection> all() {
        return all.values();
    }

    public int size() {
        return all.size();
    }

    private static Member memberOf(Connection connection) {
        return new Member(connection.userId(), connection.role());
    }
}
