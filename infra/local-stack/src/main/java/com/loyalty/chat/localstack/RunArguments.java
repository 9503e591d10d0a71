package com.loyalty.chat.localstack;

import java.nio.file.Path;
import java.util.Optional;

/** The command line of {@code ./run} (which takes {@code --build} for itself). */
record RunArguments(int realtimeNodes, Optional<Path> logDirectory, Optional<Path> dataDirectory, boolean fresh,
        boolean help) {

    static final String USAGE = """
            Usage: ./run [--build] [--fresh] [--realtime-nodes N] [--log-dir DIR] [--data-dir DIR]
              --build             rebuild every executable jar first (one older than its sources is rebuilt anyway)
              --fresh             start with an empty database and broker (deletes the kept data first)
              --realtime-nodes N  start N realtime-service nodes on ports 8090, 8091, ... (default 1)
              --log-dir DIR       append each process's output to DIR/<name>.log (default .run/logs)
              --data-dir DIR      keep the database, the broker's topics and the signing key in DIR from one run
                                  to the next (default .run/data)
            Environment: CHAT_JVM_OPTS replaces the services' JVM options (default "%s").
            """.formatted(String.join(" ", ChatStackOptions.DEFAULT_JVM_OPTIONS));

    static RunArguments parse(String... args) {
        int realtimeNodes = 1;
        Optional<Path> logDirectory = Optional.empty();
        Optional<Path> dataDirectory = Optional.empty();
        boolean fresh = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    return new RunArguments(realtimeNodes, logDirectory, dataDirectory, fresh, true);
                }
                case "--fresh" -> fresh = true;
                case "--realtime-nodes" -> realtimeNodes = positiveNumber(valueAfter(args, i++));
                case "--log-dir" -> logDirectory = Optional.of(Path.of(valueAfter(args, i++)));
                case "--data-dir" -> dataDirectory = Optional.of(Path.of(valueAfter(args, i++)));
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
            }
        }
        return new RunArguments(realtimeNodes, logDirectory, dataDirectory, fresh, false);
    }

    /** {@code options} as these arguments change them. */
    ChatStackOptions applyTo(ChatStackOptions options) {
        ChatStackOptions applied = options.withRealtimeNodes(realtimeNodes);
        applied = logDirectory.map(applied::withLogDirectory).orElse(applied);
        applied = dataDirectory.map(applied::withDataDirectory).orElse(applied);
        return fresh ? applied.withFreshData() : applied;
    }

    private static String valueAfter(String[] args, int optionIndex) {
        if (optionIndex + 1 >= args.length) {
            throw new IllegalArgumentException(args[optionIndex] + " needs a value");
        }
        return args[optionIndex + 1];
    }

    private static int positiveNumber(String value) {
        try {
            int number = Integer.parseInt(value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below like any other bad value.
        }
        throw new IllegalArgumentException("--realtime-nodes needs a number of at least 1, not " + value);
    }
}
