package com.loyalty.chat.chassis.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the error envelopes a service answers, by HTTP status and envelope code ({@code chat.http.errors}), where
 * the envelope is written: the same 401 is a missing token (4001) or a bad one (4002), which the status alone does
 * not tell.
 */
public final class ErrorAnswers {

    static final String METER = "chat.http.errors";

    /** Counts nothing: for a writer built without a registry (unit tests). */
    public static final ErrorAnswers NONE = new ErrorAnswers(null);

    private final @Nullable ObjectProvider<MeterRegistry> registry;
    private final Map<Long, @Nullable Counter> counters = new ConcurrentHashMap<>();

    ErrorAnswers(@Nullable ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    public void count(int status, int code) {
        if (registry == null) {
            return;
        }
        Counter counter = counters.computeIfAbsent((long) status << 32 | code, key -> {
            MeterRegistry meters = registry.getIfAvailable();
            return meters == null ? null : Counter.builder(METER)
                    .description("Error answers in the envelope, by HTTP status and envelope code")
                    .tag("status", Integer.toString(status))
                    .tag("code", Integer.toString(code))
                    .register(meters);
        });
        if (counter != null) {
            counter.increment();
        }
    }
}
