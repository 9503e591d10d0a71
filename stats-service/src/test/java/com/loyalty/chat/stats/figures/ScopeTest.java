package com.loyalty.chat.stats.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.loyalty.chat.contracts.api.ChatException;
import com.loyalty.chat.contracts.api.ErrorCode;

class ScopeTest {

    @Test
    void parsesMineAndAll() {
        assertThat(Scope.parse("mine")).isEqualTo(Scope.MINE);
        assertThat(Scope.parse("all")).isEqualTo(Scope.ALL);
    }

    @Test
    void parsesRegardlessOfCase() {
        assertThat(Scope.parse("ALL")).isEqualTo(Scope.ALL);
        assertThat(Scope.parse("Mine")).isEqualTo(Scope.MINE);
    }

    @Test
    void anythingElseIsInvalidInput() {
        assertThatThrownBy(() -> Scope.parse("everyone")).isInstanceOfSatisfying(ChatException.class,
                refusal -> assertThat(refusal.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void theWireNameIsLowerCase() {
        assertThat(Scope.ALL.wireName()).isEqualTo("all");
        assertThat(Scope.MINE.wireName()).isEqualTo("mine");
    }
}
