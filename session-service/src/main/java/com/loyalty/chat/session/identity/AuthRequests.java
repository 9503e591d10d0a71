package com.loyalty.chat.session.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the auth endpoints. */
final class AuthRequests {

    /** Mainland China mobile numbers, as the seeds use. */
    static final String MOBILE = "^1[3-9]\\d{9}$";
    static final String MOBILE_MESSAGE = "手机号格式不正确";

    private AuthRequests() {
    }

    record SendCode(@NotBlank(message = MOBILE_MESSAGE) @Pattern(regexp = MOBILE, message = MOBILE_MESSAGE)
                    String mobile) {
    }

    record Login(@NotBlank(message = MOBILE_MESSAGE) @Pattern(regexp = MOBILE, message = MOBILE_MESSAGE)
                 String mobile,
                 @NotBlank(message = "验证码不能为空") String verificationCode) {
    }
}
