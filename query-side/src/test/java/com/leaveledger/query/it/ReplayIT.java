package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.query.replay.ReplayCoordinator;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Replays: a projection rebuilt from the start of the topic into shadow tables equals the live one row for row,
 * the live one keeps answering meanwhile, and a replay stopped by a restart resumes where it was.
 */
class ReplayIT extends QuerySideIT {

    /** Columns that record when a row was written, not what the ledger says. */
    private static final Set<String> WRITE_TIME_COLUMNS = Set.of("received_at", "received_order");
    private static final Map<String, String> TABLES = Map.of(
            "employee", "employee_id",
            "leave_request", "leave_request_id",
            "leave_request_event", "event_id",
            "leave_balance", "account_id",
            "audit_event", "event_id");

    @Autowired
    private ReplayCoordinator replays;

    @org.junit.jupiter.api.AfterEach
    void monitorRuns() {
        replays.start();
    }

    @Test
    void everyProjectionRebuiltFromHistoryEqualsTheLiveOneRowForRow() {
        publishHistory(8);
        awaitCaughtUp(ALL);
        Map<String, List<Map<String, Object>>> before = snapshot();
        Map<String, Set<String>> indexesBefore = indexNames();
        String request = jdbc.queryForObject("select leave_request_id from leave_request where employee_id like ? "
                + "limit 1", String.class, run + "%");
        String owner = jdbc.queryForObject("select employee_id from leave_request where leave_request_id = ?",
                String.class, request);

        for (String projection : ALL) {
            ResponseEntity<JsonNode> accepted = post("/admin/projections/" + projection + "/replay", engineer());
            assertThat(accepted.getStatusCode().value()).isEqualTo(202);
            assertThat(accepted.getHeaders().getLocation()).hasToString("/admin/projections/" + projection);
            assertThat(accepted.getBody().path("replay").path("status").asText()).isIn("REBUILDING", "DONE");
            // the live read model keeps answering while the shadow tables fill
            assertThat(get("/api/leave-requests/" + request, token(owner, "EMPLOYEE")).getStatusCode().value())
                    .isEqualTo(200);
        }
        for (String projection : ALL) {
            await().atMost(PATIENCE).until(() -> "DONE".equals(get("/admin/projections/" + projection, engineer())
                    .getBody().path("replay").path("status").asText()));
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(indexNames()).isEqualTo(indexesBefore);
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = "
                + "current_schema() and table_name like '%\\_shadow'", String.class)).isEmpty();
        JsonNode balances = get("/admin/projections/balances", engineer()).getBody();
        assertThat(balances.path("replay").path("eventsDone").asLong())
                .isEqualTo(balances.path("replay").path("eventsTotal").asLong());
        assertThat(balances.path("state").asText()).isEqualTo("RUNNING");
        assertThat(get("/api/leave-requests/" + request, token(owner, "EMPLOYEE")).getStatusCode().value())
                .isEqualTo(200);

        // the live projections go on from where the rebuild ended
        String late = id("late");
        ledger.register(late, null);
        ledger.grant(late, LeaveType.SICK, 2032, "3.0");
        awaitCaughtUp(ALL);
        assertThat(jdbc.queryForObject("select granted from leave_balance where account_id = ?",
                java.math.BigDecimal.class, late + ":SICK:2032")).isEqualByComparingTo("3.0");
    }

    @Test
    void aReplayStoppedByARestartResumesFromItsPosition() {
        publishHistory(4);
        awaitCaughtUp(ALL);
        Map<String, List<Map<String, Object>>> before = snapshot();
        replays.stop();
        try {
            replays.replay("leave-requests", id("eng"));
            assertProblem(post("/admin/projections/leave-requests/replay", engineer()), 409, "replay-in-progress");
            await().atMost(PATIENCE).until(() -> positions.position("leave-requests-replay", Optional.empty())
                    .consumed() > 0);
        } finally {
            // "the service stops": the rebuild stops where it is
            replays.stop();
        }
        long stoppedAt = positions.position("leave-requests-replay", Optional.empty()).consumed();
        assertThat(stoppedAt).isPositive();
        assertThat(jdbc.queryForObject("select status from projection_replay where projection = 'leave-requests'",
                String.class)).isEqualTo("REBUILDING");
        assertThat(jdbc.queryForObject("select count(*) from leave_request_shadow", Long.class)).isPositive();

        // "the service starts again": the monitor finds the replay and resumes it from its tokens
        replays.start();
        await().atMost(PATIENCE).until(() -> "DONE".equals(get("/admin/projections/leave-requests", engineer())
                .getBody().path("replay").path("status").asText()));
        JsonNode replay = get("/admin/projections/leave-requests", engineer()).getBody().path("replay");
        assertThat(replay.path("detail").asText()).doesNotContain("restarted from the start");
        assertThat(replay.path("eventsDone").asLong()).isGreaterThanOrEqualTo(stoppedAt);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void replayAdminRefusesUnknownProjectionsAndOtherRoles() {
        ledger.register(id("someone"), null);
        awaitCaughtUp(ALL);
        assertProblem(post("/admin/projections/nothing/replay", engineer()), 404, "projection-not-found");
        assertProblem(get("/admin/projections/nothing", engineer()), 404, "projection-not-found");
        assertProblem(post("/admin/projections/balances/replay", token(id("hr"), "HR")), 403, "missing-role");

        JsonNode all = get("/admin/projections", engineer()).getBody();
        assertThat(all).extracting(p -> p.path("name").asText()).containsExactly(ALL);
        for (JsonNode projection : all) {
            assertThat(projection.path("state").asText()).isEqualTo("RUNNING");
            assertThat(projection.path("segments").asInt()).isPositive();
            assertThat(projection.path("topicEvents").asLong()).isGreaterThanOrEqualTo(projection.path("eventsHandled").asLong());
            assertThat(projection.has("lag")).isTrue();
            assertThat(projection.has("offsets")).isTrue();
        }
        JsonNode audit = get("/admin/projections/audit-log", engineer()).getBody().path("visibilityLag");
        assertThat(audit.path("events").asLong()).isPositive();
        assertThat(audit.path("p99Ms").asDouble()).isGreaterThanOrEqualTo(audit.path("p50Ms").asDouble());
        assertThat(audit.path("fromPublishedP50Ms").asDouble()).isPositive();
    }

    private void publishHistory(int employees) {
        String manager = id("m");
        ledger.register(manager, null);
        for (int i = 0; i < employees; i++) {
            String employee = id("e" + i);
            ledger.register(employee, manager);
            ledger.grant(employee, LeaveType.ANNUAL, 2032, "30.0");
            ledger.carryOver(employee, LeaveType.ANNUAL, 2032, "2.5");
            LocalDate monday = LocalDate.of(2032, 3, 1).plusWeeks(i);
            String approved = ledger.submit(employee, manager, LeaveType.ANNUAL, monday, monday.plusDays(4), "5.0");
            ledger.approve(approved, manager);
            String rejected = ledger.submit(employee, manager, LeaveType.ANNUAL, monday.plusWeeks(10),
                    monday.plusWeeks(10), "1.0");
            ledger.reject(rejected, manager);
            if (i % 2 == 0) {
                ledger.cancel(approved);
            }
            ledger.submit(employee, manager, LeaveType.ANNUAL, monday.plusWeeks(20), monday.plusWeeks(20).plusDays(1),
                    "2.0");
        }
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new HashMap<>();
        TABLES.forEach((table, key) -> rows.put(table, jdbc.queryForList("select * from " + table + " order by " + key)
                .stream()
                .map(row -> row.entrySet().stream()
                        .filter(e -> !WRITE_TIME_COLUMNS.contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))))
                .map(row -> (Map<String, Object>) new HashMap<String, Object>(row))
                .toList()));
        return rows;
    }

    private Map<String, Set<String>> indexNames() {
        Map<String, Set<String>> names = new HashMap<>();
        TABLES.keySet().forEach(table -> names.put(table, Set.copyOf(jdbc.queryForList(
                "select indexname from pg_indexes where schemaname = current_schema() and tablename = ?",
                String.class, table))));
        return names;
    }
}
