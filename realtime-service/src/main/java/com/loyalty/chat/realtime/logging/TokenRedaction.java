package com.loyalty.chat.realtime.logging;

import java.util.regex.Pattern;

/**
 * Blanks out credentials in log text: a {@code token=} query parameter, a {@code Bearer} header value and anything
 * shaped like a JWT (a token can reach a line in any of these forms, through libraries that print URIs, headers or
 * exception messages).
 */
final class TokenRedaction {

    private static final Pattern CREDENTIAL = Pattern.compile(
            "(?i)(token=|bearer\\s+)[^\\s&\"',;]+|eyJ[\\w-]*\\.[\\w-]+\\.[\\w-]*");
    private static final String REDACTED = "$1[redacted]";

    private TokenRedaction() {
    }

    static String redact(String text) {
        return text == null ? null : CREDENTIAL.matcher(text).replaceAll(REDACTED);
    }
}
