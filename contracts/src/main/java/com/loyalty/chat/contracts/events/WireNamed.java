package com.loyalty.chat.contracts.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum that travels, and is stored, as its constant's name in lower case ({@code waiting}, {@code admin}), and is
 * read back by comparing byte for byte: {@code "Admin"} is no sender type.
 */
public interface WireNamed {

    /** The constant's own name; every enum has it. */
    String name();

    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & WireNamed> Optional<E> find(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.wireName().equals(wireName))
                .findFirst();
    }

    /** For values this system wrote itself (a column, an event): one it cannot read is a defect, not bad input. */
    static <E extends Enum<E> & WireNamed> E parse(Class<E> type, String wireName) {
        return find(type, wireName).orElseThrow(() -> new IllegalArgumentException(
                "No " + type.getSimpleName() + " is called \"" + wireName + "\""));
    }
}
