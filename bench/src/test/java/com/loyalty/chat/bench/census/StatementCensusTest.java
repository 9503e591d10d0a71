package com.loyalty.chat.bench.census;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementCensusTest {

    @Test
    void valuesListsAndRowsFoldIntoOneShape() {
        assertThat(StatementCensus.shape("SELECT a FROM t WHERE id IN ('x', 'y''z', 'w\\\\') AND n = 42"))
                .isEqualTo("SELECT a FROM t WHERE id IN (?) AND n = ?");
        assertThat(StatementCensus.shape("INSERT INTO t (a, b) VALUES ('1', 2),('3', 4), ('5',\n 6)"))
                .isEqualTo("INSERT INTO t (a, b) VALUES (?),…");
    }

    @Test
    void aLongStringLiteralDoesNotOverflowTheStack() {
        String huge = "'" + "{\\\"content\\\":\\\"你好\\\"}".repeat(20_000) + "'";
        assertThat(StatementCensus.shape("INSERT INTO e VALUES (" + huge + ")")).isEqualTo("INSERT INTO e VALUES (?)");
    }
}
