package com.loyalty.chat.realtime.connection;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * How many connections this node can hold without running out of memory or file descriptors: the least of the
 * configured cap, the heap beyond a reserve divided by what a connection is planned at, and the open files the
 * process may still take beyond a reserve (one per connection). Worked out once, at start, from the JVM's maximum
 * heap and the process's open-file limit, so a node given a small heap or a low {@code ulimit -n} refuses connections
 * (503) instead of failing on them.
 *
 * <p>Two checks back the cap up while the node runs, in case the plan per connection was too small: the heap left
 * after the last collection of the old generation, and the open files actually in use (counted once a second on the
 * node's scheduler, as counting them walks {@code /proc/self/fd}: handshakes are admitted on Netty's event loops,
 * which must not wait for that).
 */
@Component
class ConnectionCapacity implements SchedulingConfigurer {

    /** The cap and what it was derived from, for the log and for tests. */
    record Limits(int configured, long byHeap, long byFiles) {

        int cap() {
            return (int) Math.max(0, Math.min(configured, Math.min(byHeap, byFiles)));
        }
    }

    /** Past this share of the heap still in use after a full collection of the old generation, the node is full. */
    static final double OLD_GENERATION_FULL = 0.85;
    private static final Duration FILE_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(ConnectionCapacity.class);

    private final Limits limits;
    private final long maxOpenFiles;
    private final int fileReserve;
    private final List<MemoryPoolMXBean> oldGenerations;
    private final OperatingSystemMXBean system;
    private volatile long openFiles;

    @Autowired
    ConnectionCapacity(ConnectionProperties properties) {
        this(properties, Runtime.getRuntime().maxMemory(), ManagementFactory.getOperatingSystemMXBean());
    }

    ConnectionCapacity(ConnectionProperties properties, long maxHeap, OperatingSystemMXBean system) {
        this.system = system;
        this.fileReserve = properties.fileReserve();
        this.openFiles = openFiles(system);
        this.maxOpenFiles = system instanceof UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
        long byFiles = maxOpenFiles < 0 ? Long.MAX_VALUE : maxOpenFiles - openFiles - fileReserve;
        long byHeap = (maxHeap - properties.heapReserve().toBytes()) / properties.memoryPerConnection().toBytes();
        this.limits = new Limits(properties.maxConnections(), byHeap, byFiles);
        this.oldGenerations = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported())
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .toList();
        log.info("Connection cap {}: configured {}, heap {} MB allows {}, open files (limit {}) allow {}",
                limits.cap(), limits.configured(), maxHeap >> 20, byHeap, maxOpenFiles,
                byFiles == Long.MAX_VALUE ? "any number" : byFiles);
    }

    Limits limits() {
        return limits;
    }

    int cap() {
        return limits.cap();
    }

    /** @return why one more connection would be too many, or null when there is room for it */
    String shortage(int held) {
        if (held >= limits.cap()) {
            return "capacity";
        }
        if (oldGenerationFull()) {
            return "memory";
        }
        if (maxOpenFiles > 0 && openFiles >= maxOpenFiles - fileReserve / 4) {
            return "open files";
        }
        return null;
    }

    private boolean oldGenerationFull() {
        for (MemoryPoolMXBean pool : oldGenerations) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (afterCollection != null && afterCollection.getMax() > 0
                    && afterCollection.getUsed() > afterCollection.getMax() * OLD_GENERATION_FULL) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (maxOpenFiles > 0) {
            registrar.addFixedDelayTask(() -> openFiles = openFiles(system), FILE_SAMPLE_INTERVAL);
        }
    }

    private static long openFiles(OperatingSystemMXBean system) {
        return system instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : 0;
    }
}
