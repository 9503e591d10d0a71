package com.loyalty.chat.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JVM options every service image starts with (infra/docker/Dockerfile's ENTRYPOINT). */
final class ImageJvm {

    /** What a service needs beside its heap: metaspace, code cache, thread stacks, direct buffers. */
    static final long NON_HEAP_BYTES = 256L * 1024 * 1024;

    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*])\\s*$");
    private static final Pattern MAX_RAM = Pattern.compile("\"-XX:MaxRAMPercentage=(\\d+(?:\\.\\d+)?)\"");

    private ImageJvm() {
    }

    static String entrypoint() {
        Matcher matcher = ENTRYPOINT.matcher(Repository.read(Repository.path("infra/docker/Dockerfile")));
        if (!matcher.find()) {
            throw new IllegalStateException("infra/docker/Dockerfile has no exec-form ENTRYPOINT");
        }
        return matcher.group(1);
    }

    static double maxRamPercentage() {
        Matcher matcher = MAX_RAM.matcher(entrypoint());
        if (!matcher.find()) {
            throw new IllegalStateException("the image's JVM does not size its heap from the container limit");
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** Whether a container limited to {@code limitBytes} leaves the JVM room beside the heap it will take. */
    static boolean fits(long limitBytes) {
        return limitBytes - limitBytes * maxRamPercentage() / 100 >= NON_HEAP_BYTES;
    }
}
