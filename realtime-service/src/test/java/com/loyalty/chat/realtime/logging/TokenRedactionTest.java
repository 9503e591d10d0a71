package com.loyalty.chat.realtime.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TokenRedactionTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl";

    @Test
    void aTokenQueryParameterIsBlankedWhateverItsCase() {
        assertThat(TokenRedaction.redact("GET /ws?TOKEN=abc&v=2 101"))
                .isEqualTo("GET /ws?TOKEN=[redacted]&v=2 101");
    }

    @Test
    void aBearerHeaderValueIsBlanked() {
        assertThat(TokenRedaction.redact("Authorization: bearer\tabc.def"))
                .isEqualTo("Authorization: bearer\t[redacted]");
    }

    @Test
    void aJwtAnywhereInTheTextIsBlanked() {
        assertThat(TokenRedaction.redact("could not decode " + JWT + " (expired)"))
                .isEqualTo("could not decode [redacted] (expired)");
    }

    @Test
    void aLineWithoutCredentialsComesBackAsItIs() {
        String line = "GET /ws/admin?v=2 101 1.2 ms ua=\"Mozilla/5.0\" bytes=10";

        assertThat(TokenRedaction.redact(line)).isSameAs(line);
    }

    /** The quick check only skips the pattern where the pattern cannot match. */
    @Test
    void everyTextThePatternWouldRedactPassesTheQuickCheck() {
        List<String> fragments = List.of("token=", "ToKeN=", "tok", "en=", "bearer ", "BEARER\t", "Bear", "er ",
                "eyJ", "eyj", "EYJ", "a.b", ".c", "x", " ", "&", "=", "\u212A");
        Random random = new Random(12);
        int redactable = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int f = random.nextInt(8); f >= 0; f--) {
                text.append(fragments.get(random.nextInt(fragments.size())));
            }
            boolean matches = TokenRedaction.CREDENTIAL.matcher(text).find();
            redactable += matches ? 1 : 0;
            assertThat(!matches || TokenRedaction.mayHoldCredential(text.toString())).as(text.toString()).isTrue();
        }
        assertThat(redactable).isGreaterThan(1_000);
    }
}
