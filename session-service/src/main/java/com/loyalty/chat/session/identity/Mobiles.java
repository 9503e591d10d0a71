package com.loyalty.chat.session.identity;

/** Mainland China mobile numbers, as the seeds use: the pattern requests are checked against, and the log's form. */
final class Mobiles {

    static final String PATTERN = "^1[3-9]\\d{9}$";
    static final String INVALID = "手机号格式不正确";

    private Mobiles() {
    }

    static boolean isValid(String mobile) {
        return mobile.matches(PATTERN);
    }

    /** What a log line may show of a user's number. */
    static String masked(String mobile) {
        return mobile.length() < 7 ? "****" : mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }
}
