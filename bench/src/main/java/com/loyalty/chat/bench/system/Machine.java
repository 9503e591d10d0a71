package com.loyalty.chat.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A line saying what the figures were measured on. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        String model = read("/proc/cpuinfo").stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown CPU");
        String memory = read("/proc/meminfo").stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
                .findFirst().orElse("? GiB");
        String load = read("/proc/loadavg").stream().findFirst()
                .map(line -> String.join(" ", List.of(line.split(" ")).subList(0, 3))).orElse("?");
        return Runtime.getRuntime().availableProcessors() + " cores (" + model + "), " + memory
                + ", load average " + load + " at the end, " + System.getProperty("java.vm.name") + " "
                + Runtime.version();
    }

    private static List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }
}
