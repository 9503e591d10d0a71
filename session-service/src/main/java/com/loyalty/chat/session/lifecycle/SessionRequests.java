package com.loyalty.chat.session.lifecycle;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request bodies of the session actions. */
final class SessionRequests {

    private SessionRequests() {
    }

    record Transfer(@NotNull(message = "必须填写目标管理员") Long toAdminId) {
    }

    /** A decimal, so that 4.5 is refused rather than quietly read as 4. */
    record Rating(@NotNull(message = "必须是1到5的整数")
                  @Digits(integer = 1, fraction = 0, message = "必须是1到5的整数")
                  @DecimalMin(value = "1", message = "必须是1到5的整数")
                  @DecimalMax(value = "5", message = "必须是1到5的整数") BigDecimal score,
                  @Size(max = 500, message = "不能超过500个字符") String comment) {
    }
}
