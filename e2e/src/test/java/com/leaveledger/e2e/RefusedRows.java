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
 * Dead letters of Axon's queues made on purpose: while open, a trigger refuses one employee's rows of a read model
 * (as a too-narrow column or a new constraint would), so that each of their events is dead-lettered under their
 * sequence: the query side's balances projection ({@link #balances}) or the notification saga's employee directory
 * ({@link #directory}). Closing drops the trigger; the letters stay until retried or dismissed.
 */
final class RefusedRows implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String trigger;
    private final String table;

    private RefusedRows(String trigger, String table) {
        this.trigger = trigger;
        this.table = table;
    }

    /** Refuses {@code employeeId}'s rows of query-side's balances projection. */
    static RefusedRows balances(String employeeId) {
        return of("query_side", "leave_balance", employeeId);
    }

    /** Refuses {@code employeeId}'s row of notification-saga's employee directory. */
    static RefusedRows directory(String employeeId) {
        return of("notification_saga", "employee_directory", employeeId);
    }

    private static RefusedRows of(String schema, String table, String employeeId) {
        String trigger = "e2e_refuse_" + employeeId.replaceAll("[^A-Za-z0-9]", "_");
        execute("create or replace function " + schema + ".e2e_refuse() returns trigger language plpgsql as $$ "
                + "begin raise exception 'refused by the e2e trigger for %', new.employee_id; end $$");
        execute("create trigger " + trigger + " before insert or update on " + schema + "." + table + " for each row "
                + "when (new.employee_id = '" + employeeId + "') execute function " + schema + ".e2e_refuse()");
        return new RefusedRows(trigger, schema + "." + table);
    }

    /** The balances projection's dead letters of {@code employeeId}, once there are {@code count}. */
    static List<JsonNode> awaitLetters(ServiceProcess query, String employeeId, int count) {
        return awaitLetters(query, "/admin/projections/balances/dead-letters?size=100", employeeId, count);
    }

    /** The dead letters of {@code employeeId} that {@code service} lists at {@code letters}, once there are {@code count}. */
    static List<JsonNode> awaitLetters(ServiceProcess service, String letters, String employeeId, int count) {
        List<JsonNode> found = new ArrayList<>();
        await("dead letters of " + employeeId).atMost(PATIENCE).until(() -> {
            found.clear();
            Http.Answer page = Http.get(service, letters, Ledger.ENGINEER);
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
        execute("drop trigger if exists " + trigger + " on " + table);
    }

    private static void execute(String sql) {
        try (Connection db = LedgerSystem.database(); Statement statement = db.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
