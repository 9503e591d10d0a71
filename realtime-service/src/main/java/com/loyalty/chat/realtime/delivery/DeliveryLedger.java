package com.loyalty.chat.realtime.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.loyalty.chat.realtime.connection.Connection;

/**
 * What each connection has been handed, per session: the highest {@code sequence} pushed to it, so a message never
 * reaches a client after a later one of its session, and the other side's messages it has not acknowledged yet, so
 * they are receipted as delivered only once the client says it has them ({@code ack}).
 *
 * <p>Both are bounded per connection. What falls out costs no message: a session forgotten may get a stale message
 * pushed once more, and a message forgotten before its ack is never receipted, so it stays {@code sent} and comes
 * again in the client's next {@code offline_messages}. Connections are held weakly, so a closed one's ledger goes
 * with it, even when an event routed to it races its closing.
 */
@Component
public class DeliveryLedger {

    private record Handed(String sessionId, long sequence, String messageId) {
    }

    private final Cache<Connection, Ledger> ledgers = Caffeine.newBuilder().weakKeys().build();
    private final DeliveryProperties properties;

    DeliveryLedger(DeliveryProperties properties) {
        this.properties = properties;
    }

    /**
     * Records that the connection is handed this message of the session.
     *
     * @param sequence the message's position in its session; below 1 when unknown, which is never refused
     * @return false when the connection was handed one at or past this position already, so this one must not be
     *         pushed: it would come twice, or after a later one
     */
    public boolean push(Connection connection, String sessionId, long sequence) {
        return sequence < 1 || ledgerOf(connection).push(sessionId, sequence);
    }

    /** The connection, on the side the message is for, was handed it; its receipt waits for the client's ack. */
    public void awaitAck(Connection connection, String sessionId, long sequence, String messageId) {
        ledgerOf(connection).awaitAck(new Handed(sessionId, sequence, messageId));
    }

    /** @return the messages of the session up to that sequence handed to the connection and not acknowledged before */
    List<String> acknowledge(Connection connection, String sessionId, long sequence) {
        Ledger ledger = ledgers.getIfPresent(connection);
        return ledger == null ? List.of() : ledger.acknowledge(sessionId, sequence);
    }

    private Ledger ledgerOf(Connection connection) {
        return ledgers.get(connection, ignored -> new Ledger(properties.sessionsPerConnection(),
                properties.unacknowledgedPerConnection()));
    }

    /** One connection's; events of different sessions reach it on different threads. */
    private static final class Ledger {

        private final Map<String, Long> highestPushed;
        private final Deque<Handed> unacknowledged = new ArrayDeque<>();
        private final int unacknowledgedLimit;

        Ledger(int sessionsLimit, int unacknowledgedLimit) {
            this.unacknowledgedLimit = unacknowledgedLimit;
            this.highestPushed = new LinkedHashMap<>(4, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > sessionsLimit;
                }
            };
        }

        synchronized boolean push(String sessionId, long sequence) {
            Long highest = highestPushed.get(sessionId);
            if (highest != null && sequence <= highest) {
                return false;
            }
            highestPushed.put(sessionId, sequence);
            return true;
        }

        synchronized void awaitAck(Handed handed) {
            if (unacknowledged.size() >= unacknowledgedLimit) {
                unacknowledged.removeFirst();
            }
            unacknowledged.addLast(handed);
        }

        synchronized List<String> acknowledge(String sessionId, long sequence) {
            List<String> acknowledged = new ArrayList<>();
            for (Iterator<Handed> handed = unacknowledged.iterator(); handed.hasNext(); ) {
                Handed next = handed.next();
                if (next.sessionId().equals(sessionId) && next.sequence() <= sequence) {
                    acknowledged.add(next.messageId());
                    handed.remove();
                }
            }
            return acknowledged;
        }
    }
}
