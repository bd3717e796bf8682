package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Projection dead letters made on purpose: while open, a trigger in query-side's schema refuses one employee's rows
 * of the balances projection (as a too-narrow column or a new constraint would), so that each of their balance
 * events is dead-lettered under their sequence. Closing drops the trigger; the letters stay until retried or
 * dismissed.
 */
final class RefusedBalances implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String trigger;

    private RefusedBalances(String trigger) {
        this.trigger = trigger;
    }

    static RefusedBalances of(String employeeId) {
        String trigger = "e2e_refuse_" + employeeId.replaceAll("[^A-Za-z0-9]", "_");
        execute("create or replace function query_side.e2e_refuse() returns trigger language plpgsql as $$ "
                + "begin raise exception 'refused by the e2e trigger for %', new.employee_id; end $$");
        execute("create trigger " + trigger + " before insert or update on query_side.leave_balance for each row "
                + "when (new.employee_id = '" + employeeId + "') execute function query_side.e2e_refuse()");
        return new RefusedBalances(trigger);
    }

    /** The balances projection's dead letters of {@code employeeId}, once there are {@code count}. */
    static List<JsonNode> awaitLetters(ServiceProcess query, String employeeId, int count) {
        List<JsonNode> found = new ArrayList<>();
        await("dead letters of " + employeeId).atMost(PATIENCE).until(() -> {
            found.clear();
            Http.Answer page = Http.get(query, "/admin/projections/balances/dead-letters?size=100", Ledger.ENGINEER);
            page.body().path("items").forEach(letter -> {
                if (letter.path("sequence").asText().equals(employeeId)) {
                    found.add(letter);
                }
            });
            return found.size() >= count;
        });
        assertThat(found).hasSize(count);
        return found;
    }

    @Override
    public void close() {
        execute("drop trigger if exists " + trigger + " on query_side.leave_balance");
    }

    private static void execute(String sql) {
        try (Connection db = LedgerSystem.database(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
