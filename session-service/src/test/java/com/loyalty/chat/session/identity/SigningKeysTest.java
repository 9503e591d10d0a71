package com.loyalty.chat.session.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

class SigningKeysTest {

    @Test
    void withoutAKeyFileAFreshKeyIsNamedByItsThumbprint() throws Exception {
        AuthProperties noKeyFile = new AuthProperties(" ", "chat-session-service", Duration.ofHours(24), null,
                Duration.ofMinutes(5), Duration.ofSeconds(60), 5);

        RSAKey key = SigningKeys.from(noKeyFile);

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(SigningKeys.from(noKeyFile).getKeyID()).isNotEqualTo(key.getKeyID());
    }
}
