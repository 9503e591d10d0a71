package com.loyalty.chat.stats.figures;

import java.util.Locale;

import com.loyalty.chat.contracts.api.ChatException;

/** Whose sessions count: the caller's own ({@code mine}, the default) or everybody's ({@code all}). */
public enum Scope {
    MINE, ALL;

    public static Scope parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "mine" -> MINE;
            case "all" -> ALL;
            default -> throw ChatException.invalid("scope 只能是 mine 或 all");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
