package com.loyalty.chat.session.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

class SigningKeysTest {

    @Test
    void withoutAKeyFileAFreshKeyIsNamedByItsThumbprint() throws Exception {
        TokenProperties noKeyFile = new TokenProperties(" ", "chat-session-service", Duration.ofHours(24));

        RSAKey key = SigningKeys.from(noKeyFile);

        assertThat(key.isPrivate()).isTrue();
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString());
        assertThat(SigningKeys.from(noKeyFile).getKeyID()).isNotEqualTo(key.getKeyID());
    }
}
