package com.loyalty.chat.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A value another service derives from events, read until two reads two seconds apart agree: what the tests before
 * set in motion (messages still on their way into stats, a closed console's presence) has landed, so a test can take
 * it as its starting point.
 */
final class Settled {

    private Settled() {
    }

    static <T> T value(Callable<T> read) {
        AtomicReference<T> previous = new AtomicReference<>();
        return await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2))
                .until(read, value -> value.equals(previous.getAndSet(value)));
    }
}
