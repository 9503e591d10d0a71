package com.loyalty.chat.bench.messages;

/**
 * Reads the two or three string fields the benchmark needs out of a server frame without parsing it. Both systems
 * write compact JSON with {@code type} first, and the ids the benchmark makes contain nothing that needs escaping;
 * parsing thousands of frames a second into trees would charge the load generator for work it does not need.
 */
final class Frames {

    private Frames() {
    }

    /** The frame's top-level {@code type}: the first {@code "type":"} in the frame, since it is the first field. */
    static String type(String frame) {
        return field(frame, "type");
    }

    /** The first string value of {@code name} anywhere in the frame, or null. */
    static String field(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int start = frame.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    /** The first number value of {@code name} anywhere in the frame, or null. */
    static String number(String frame, String name) {
        String key = "\"" + name + "\":";
        int start = frame.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = start;
        while (end < frame.length() && (Character.isDigit(frame.charAt(end)) || frame.charAt(end) == '-')) {
            end++;
        }
        return end == start ? null : frame.substring(start, end);
    }
}
