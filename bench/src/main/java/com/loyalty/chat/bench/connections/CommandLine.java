package com.loyalty.chat.bench.connections;

import java.util.List;
import java.util.Set;

import com.loyalty.chat.bench.Args;

/**
 * The command line the connection benchmarks share: {@code --help} prints the usage; options that do not parse, or a
 * benchmark that refuses them, print the reason and the usage to stderr and end with status 2, before anything runs.
 */
final class CommandLine {

    /** A benchmark built from its options, ready to run; its exit status is the command's. */
    interface Benchmark {
        int run() throws Exception;
    }

    /** Builds a benchmark from its options; throws {@link IllegalArgumentException} for options it refuses. */
    interface Builder {
        Benchmark build(Args args);
    }

    private CommandLine() {
    }

    static int run(String[] arguments, String usage, Set<String> valued, Set<String> flags, Builder builder)
            throws Exception {
        if (List.of(arguments).contains("--help")) {
            System.out.print(usage);
            return 0;
        }
        Benchmark benchmark;
        try {
            benchmark = builder.build(Args.parse(arguments, valued, flags));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            return 2;
        }
        return benchmark.run();
    }

    static long requiredPid(Args args, String name) {
        String pid = args.string(name, null);
        if (pid == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return Long.parseLong(pid);
    }
}
