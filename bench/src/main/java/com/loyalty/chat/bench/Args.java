package com.loyalty.chat.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line of {@code --name value} options and {@code --flag}s; an option may be repeated. Unknown names are
 * refused, so a typo does not silently run a different benchmark.
 */
public final class Args {

    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Args(Map<String, List<String>> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param valued the option names that take a value
     * @param flagNames the option names that take none
     */
    public static Args parse(String[] args, Set<String> valued, Set<String> flagNames) {
        Map<String, List<String>> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flagNames.contains(name)) {
                flags.add(name);
            } else if (valued.contains(name)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.computeIfAbsent(name, key -> new ArrayList<>()).add(args[++i]);
            } else {
                throw new IllegalArgumentException("Unknown option: " + name);
            }
        }
        return new Args(values, flags);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String string(String name, String fallback) {
        List<String> given = values.get(name);
        return given == null ? fallback : given.getLast();
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int integer(String name, int fallback) {
        String value = string(name, null);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public long longValue(String name, long fallback) {
        String value = string(name, null);
        return value == null ? fallback : Long.parseLong(value);
    }

    public double decimal(String name, double fallback) {
        String value = string(name, null);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
