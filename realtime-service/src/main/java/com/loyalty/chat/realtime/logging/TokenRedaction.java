package com.loyalty.chat.realtime.logging;

import java.util.regex.Pattern;

/**
 * Blanks out credentials in log text: a {@code token=} query parameter, a {@code Bearer} header value and anything
 * shaped like a JWT (a token can reach a line in any of these forms, through libraries that print URIs, headers or
 * exception messages).
 */
final class TokenRedaction {

    static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(token=|bearer\\s+)[^\\s&\"',;]+|eyJ[\\w-]*\\.[\\w-]+\\.[\\w-]*");
    private static final String REDACTED = "$1[redacted]";

    private TokenRedaction() {
    }

    static String redact(String text) {
        return text == null || !mayHoldCredential(text) ? text : CREDENTIAL.matcher(text).replaceAll(REDACTED);
    }

    /**
     * Whether {@link #CREDENTIAL} could match: one pass over the text, where the pattern tries its case-insensitive
     * alternatives (the JWT's {@code eyJ} too) at every position. Every line passes here (a node logs one per
     * handshake), and few hold a credential.
     */
    static boolean mayHoldCredential(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case 't', 'T' -> {
                    if (text.regionMatches(true, i, "token=", 0, 6)) {
                        return true;
                    }
                }
                case 'b', 'B' -> {
                    if (text.regionMatches(true, i, "bearer", 0, 6)) {
                        return true;
                    }
                }
                case 'e', 'E' -> {
                    if (text.regionMatches(true, i, "eyJ", 0, 3)) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }
}
