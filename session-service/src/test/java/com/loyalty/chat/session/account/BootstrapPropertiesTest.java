package com.loyalty.chat.session.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

class BootstrapPropertiesTest {

    @Test
    void mobilesAreTrimmedAndBlanksAndRepeatsDropped() {
        BootstrapProperties properties = new BootstrapProperties(List.of(" 13612227930", "", "13612227931 ",
                "13612227930"));

        assertThat(properties.admins()).containsExactly("13612227930", "13612227931");
    }

    @Test
    void somethingThatIsNotAMobileIsRefusedNamingTheVariable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BootstrapProperties(List.of("13612227930", "admin@example.com")))
                .withMessageContaining("CHAT_BOOTSTRAP_ADMINS")
                .withMessageContaining("admin@example.com");
    }
}
