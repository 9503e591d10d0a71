package com.loyalty.chat.session.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the auth endpoints. */
final class AuthRequests {

    private AuthRequests() {
    }

    record SendCode(@NotBlank(message = Mobiles.INVALID) @Pattern(regexp = Mobiles.PATTERN, message = Mobiles.INVALID)
                    String mobile) {
    }

    record Login(@NotBlank(message = Mobiles.INVALID) @Pattern(regexp = Mobiles.PATTERN, message = Mobiles.INVALID)
                 String mobile,
                 @NotBlank(message = "验证码不能为空") String verificationCode) {
    }
}
