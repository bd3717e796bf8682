package com.leaveledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MultiRowInsertTest {

    @Test
    void repeatsTheValuesTupleKeepingTheConflictClause() {
        ProjectionWriter.MultiRow insert = ProjectionWriter.MultiRow.of(
                "insert into audit_event (a, b, c) values (?, ?, ?::json) on conflict (a) do nothing");

        assertThat(insert.sql(3)).isEqualTo("insert into audit_event (a, b, c) values (?, ?, ?::json), "
                + "(?, ?, ?::json), (?, ?, ?::json) on conflict (a) do nothing");
        assertThat(insert.sql(1)).isEqualTo(
                "insert into audit_event (a, b, c) values (?, ?, ?::json) on conflict (a) do nothing");
    }

    @Test
    void refusesAnUpsertWhoseRowsCouldHitTheSameKeyTwice() {
        assertThatThrownBy(() -> ProjectionWriter.MultiRow.of(
                "insert into leave_balance (a, b) values (?, ?) on conflict (a) do update set b = excluded.b"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProjectionWriter.MultiRow.of("update leave_balance set b = ? where a = ?"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
