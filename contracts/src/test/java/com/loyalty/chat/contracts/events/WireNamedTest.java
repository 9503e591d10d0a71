package com.loyalty.chat.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class WireNamedTest {

    @Test
    void aConstantTravelsAsItsNameInLowerCase() {
        assertThat(SessionStatus.WAITING.wireName()).isEqualTo("waiting");
        assertThat(SenderType.ADMIN.wireName()).isEqualTo("admin");
    }

    @Test
    void aWireNameIsReadBackToItsConstant() {
        for (MessageType type : MessageType.values()) {
            assertThat(WireNamed.parse(MessageType.class, type.wireName())).isSameAs(type);
        }
    }

    @Test
    void aWireNameIsComparedByteForByte() {
        assertThat(WireNamed.find(SenderType.class, "Admin")).isEmpty();
        assertThat(WireNamed.find(SenderType.class, "admin ")).isEmpty();
    }

    @Test
    void aStoredValueThatIsNoConstantIsADefectNamedInTheFailure() {
        assertThatIllegalArgumentException().isThrownBy(() -> WireNamed.parse(SessionStatus.class, "reopened"))
                .withMessageContaining("SessionStatus").withMessageContaining("reopened");
    }
}
