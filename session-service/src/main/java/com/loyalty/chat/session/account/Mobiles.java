package com.loyalty.chat.session.account;

/** Mainland China mobile numbers, as the seeds use. */
final class Mobiles {

    static final String PATTERN = "^1[3-9]\\d{9}$";
    static final String INVALID = "手机号格式不正确";

    private Mobiles() {
    }

    static boolean isValid(String mobile) {
        return mobile.matches(PATTERN);
    }
}
