package com.loyalty.chat.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A subject is a user id when a BIGINT column could hold it as the issuer writes it. */
class TokenClaimsTest {

    @Test
    void everyPositiveLongIsAUserId() {
        assertThat(TokenClaims.isUserId("1")).isTrue();
        assertThat(TokenClaims.isUserId("4611686018427387903")).isTrue();
        assertThat(TokenClaims.isUserId(Long.toString(Long.MAX_VALUE))).isTrue();
    }

    @Test
    void aNumberBeyondALongOrWrittenOtherwiseIsNot() {
        for (String subject : new String[] {"9223372036854775808", "99999999999999999999", "0", "-1", "+1", "01",
                "31.0", "abc", ""}) {
            assertThat(TokenClaims.isUserId(subject)).as(subject).isFalse();
        }
        assertThat(TokenClaims.isUserId(null)).isFalse();
    }
}
