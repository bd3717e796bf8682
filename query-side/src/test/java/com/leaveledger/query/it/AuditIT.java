package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The compliance audit API: timelines, filters, balances and requests as of an instant, streamed exports. */
class AuditIT extends QuerySideIT {

    @Test
    void aRequestsTimelineHasEveryEventWithActorCorrelationCausationAndPayload() {
        String manager = id("m");
        String employee = id("e");
        Instant t0 = Instant.parse("2026-01-05T08:00:00Z");
        ledger.at(t0).register(manager, null);
        ledger.register(employee, manager);
        ledger.at(t0.plusSeconds(60)).grant(employee, LeaveType.ANNUAL, 2026, "25.0");
        ledger.correlatedBy(id("submit")).at(t0.plusSeconds(120));
        String request = ledger.submit(employee, manager, LeaveType.ANNUAL, LocalDate.of(2026, 2, 2),
                LocalDate.of(2026, 2, 3), "2.0");
        ledger.correlatedBy(id("approve")).at(t0.plusSeconds(180)).approve(request, manager);
        String path = "/api/audit/leave-requests/" + request;
        await().atMost(PATIENCE).until(() -> get(path, compliance()).getBody().path("events").size() == 4);

        JsonNode events = get(path, compliance()).getBody().path("events");
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("LeaveRequestedEvent", "DaysReservedEvent", "LeaveApprovedEvent", "DaysDeductedEvent");
        JsonNode requested = events.get(0);
        assertThat(requested.path("occurredAt").asText()).isEqualTo("2026-01-05T08:02:00Z");
        assertThat(requested.path("actor").asText()).isEqualTo(employee);
        assertThat(requested.path("correlationId").asText()).isEqualTo(id("submit"));
        assertThat(requested.path("causationId").asText()).startsWith("cmd-");
        assertThat(requested.path("aggregateType").asText()).isEqualTo("LeaveRequest");
        assertThat(requested.path("aggregateSequence").asLong()).isZero();
        assertThat(requested.path("revision").asText()).isEqualTo("2");
        assertThat(requested.path("payload").path("leaveRequestId").asText()).isEqualTo(request);
        assertThat(requested.path("payload").path("startDate").asText()).isEqualTo("2026-02-02");
        JsonNode deducted = events.get(3);
        assertThat(deducted.path("actor").asText()).isEqualTo(manager);
        assertThat(deducted.path("correlationId").asText()).isEqualTo(id("approve"));
        assertThat(deducted.path("accountId").asText()).isEqualTo(employee + ":ANNUAL:2026");
        assertThat(deducted.path("payload").path("days").decimalValue()).isEqualByComparingTo("2.0");

        assertProblem(get(path, token(id("hr"), "HR")), 403, "missing-role");
        assertProblem(get("/api/audit/leave-requests/" + id("none"), compliance()), 404, "leave-request-not-found");
    }

    @Test
    void anEmployeesTimelineFiltersByTimeTypeAndActorAndIsPaged() {
        String manager = id("m");
        String employee = id("e");
        String second = oneApprovedOneRejected(employee, manager, Instant.parse("2026-02-02T09:00:00Z"),
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 4, 6)).get(1);
        String base = "/api/audit/employees/" + employee;
        await().atMost(PATIENCE).until(() -> get(base, compliance()).getBody().path("totalItems").asInt() == 10);

        JsonNode all = get(base + "?size=4", compliance()).getBody();
        assertThat(all.path("totalPages").asInt()).isEqualTo(3);
        assertThat(all.path("items").get(0).path("type").asText()).isEqualTo("EmployeeRegisteredEvent");
        JsonNode window = get(base + "?from=2026-02-02T09:00:20Z&to=2026-02-02T09:00:40Z", compliance()).getBody();
        assertThat(window.path("items")).extracting(e -> e.path("type").asText())
                .containsExactly("LeaveRequestedEvent", "DaysReservedEvent", "LeaveApprovedEvent", "DaysDeductedEvent");
        JsonNode reservations = get(base + "?type=DaysReserved", compliance()).getBody();
        assertThat(reservations.path("totalItems").asInt()).isEqualTo(2);
        JsonNode byManager = get(base + "?actor=" + manager, compliance()).getBody();
        assertThat(byManager.path("items")).extracting(e -> e.path("type").asText()).containsExactly(
                "LeaveApprovedEvent", "DaysDeductedEvent", "LeaveRejectedEvent", "ReservationReleasedEvent");
        JsonNode combined = get(base + "?type=LeaveRejectedEvent&actor=" + manager + "&from=2026-02-02T09:00:45Z",
                compliance()).getBody();
        assertThat(combined.path("items")).hasSize(1);
        assertThat(combined.path("items").get(0).path("leaveRequestId").asText()).isEqualTo(second);

        assertProblem(get(base + "?from=2026-02-03T00:00:00Z&to=2026-02-02T00:00:00Z", compliance()), 400,
                "invalid-period");
        assertProblem(get(base + "?from=yesterday", compliance()), 400, "invalid-request");
    }

    @Test
    void balancesAsOfAnInstantAreFoldedFromTheHistory() {
        String manager = id("m");
        String employee = id("e");
        Instant t = Instant.parse("2026-03-02T10:00:00Z");
        approvedThenCancelled(employee, manager, t, LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 8), "5.0");
        ledger.at(t.plusSeconds(500)).adjust(employee, LeaveType.ANNUAL, 2026, "1.0");
        String base = "/api/audit/employees/" + employee + "/balances?asOf=";
        awaitCaughtUp("audit-log", "balances");

        assertThat(get(base + "2026-03-02T10:01:00Z", compliance()).getBody().path("balances")).isEmpty();
        assertAsOf(base + "2026-03-02T10:01:40Z", "0.0", "0.0", "0.0", "20.0");
        assertAsOf(base + "2026-03-02T10:04:00Z", "0.0", "5.0", "0.0", "15.0");
        assertAsOf(base + "2026-03-02T10:05:00Z", "5.0", "0.0", "0.0", "15.0");
        assertAsOf(base + "2026-03-02T10:07:00Z", "0.0", "0.0", "0.0", "20.0");
        JsonNode now = get("/api/audit/employees/" + employee + "/balances", compliance()).getBody();
        assertThat(now.path("eventsApplied").asInt()).isEqualTo(5);
        JsonNode asOfNow = now.path("balances").get(0);
        assertThat(asOfNow.path("adjusted").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(asOfNow.path("available").decimalValue()).isEqualByComparingTo("21.0");
        JsonNode current = get("/api/employees/" + employee + "/balances?year=2026", token(employee, "EMPLOYEE"))
                .getBody().path("balances").get(0);
        for (String field : List.of("granted", "carried", "adjusted", "deducted", "reserved", "available")) {
            assertThat(asOfNow.path(field).decimalValue()).as(field)
                    .isEqualByComparingTo(current.path(field).decimalValue());
        }
    }

    @Test
    void accrualCarryOverAndLapseShowInTheTimelineTheAuditBalancesAndTheReadModel() {
        String manager = id("m");
        String employee = id("e");
        ledger.register(manager, null);
        ledger.register(employee, manager);
        ledger.accrue(employee, LeaveType.PARENTAL, java.time.YearMonth.of(2033, 1), "2.5");
        ledger.accrue(employee, LeaveType.PARENTAL, java.time.YearMonth.of(2033, 2), "2.5");
        ledger.grant(employee, LeaveType.ANNUAL, 2033, "20.0");
        ledger.carryForward(employee, LeaveType.ANNUAL, 2033, "5.0");
        ledger.expireCarried(employee, LeaveType.ANNUAL, 2034, "3.0");
        String base = "/api/audit/employees/" + employee;
        await().atMost(PATIENCE).until(() -> get(base, compliance()).getBody().path("totalItems").asInt() == 7);
        awaitCaughtUp("audit-log", "balances");

        assertThat(get(base, compliance()).getBody().path("items")).extracting(e -> e.path("type").asText())
                .contains("DaysAccruedEvent", "BalanceCarriedForwardEvent", "CarriedOverEvent",
                        "CarriedDaysExpiredEvent");
        JsonNode audited = get(base + "/balances", compliance()).getBody().path("balances");
        for (int year : List.of(2033, 2034)) {
            JsonNode current = get("/api/employees/" + employee + "/balances?year=" + year,
                    token(employee, "EMPLOYEE")).getBody().path("balances");
            for (JsonNode balance : current) {
                JsonNode same = java.util.stream.StreamSupport.stream(audited.spliterator(), false)
                        .filter(a -> a.path("year").asInt() == year
                                && a.path("leaveType").asText().equals(balance.path("leaveType").asText()))
                        .findFirst().orElseThrow();
                for (String field : List.of("granted", "carried", "available")) {
                    assertThat(same.path(field).decimalValue()).as(year + " " + field)
                            .isEqualByComparingTo(balance.path(field).decimalValue());
                }
            }
        }
        JsonNode y2033 = get("/api/employees/" + employee + "/balances?year=2033", token(employee, "EMPLOYEE"))
                .getBody().path("balances");
        assertThat(y2033).extracting(b -> b.path("leaveType").asText() + " " + b.path("granted").decimalValue()
                        .stripTrailingZeros().toPlainString() + " " + b.path("carried").decimalValue()
                        .stripTrailingZeros().toPlainString() + " " + b.path("available").decimalValue()
                        .stripTrailingZeros().toPlainString())
                .containsExactly("ANNUAL 20 -5 15", "PARENTAL 5 0 5");
        JsonNode y2034 = get("/api/employees/" + employee + "/balances?year=2034", token(employee, "EMPLOYEE"))
                .getBody().path("balances").get(0);
        assertThat(y2034.path("carried").decimalValue()).isEqualByComparingTo("2.0");
        assertThat(y2034.path("available").decimalValue()).isEqualByComparingTo("2.0");
    }

    @Test
    void aRequestsStateAsOfAnInstantIsFoldedFromItsEvents() {
        String manager = id("m");
        String employee = id("e");
        String request = approvedThenCancelled(employee, manager, Instant.parse("2026-06-01T10:00:00Z"),
                LocalDate.of(2026, 7, 6), LocalDate.of(2026, 7, 8), "3.0");
        String base = "/api/audit/leave-requests/" + request + "/state?asOf=";
        awaitCaughtUp("audit-log", "leave-requests");

        assertProblem(get(base + "2026-06-01T10:03:19Z", compliance()), 404, "leave-request-not-found");
        JsonNode submitted = get(base + "2026-06-01T10:03:20Z", compliance()).getBody();
        assertThat(submitted.path("asOf").asText()).isEqualTo("2026-06-01T10:03:20Z");
        assertThat(submitted.path("eventsApplied").asInt()).isEqualTo(1);
        JsonNode before = submitted.path("request");
        assertThat(before.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(before.path("employeeId").asText()).isEqualTo(employee);
        assertThat(before.path("managerId").asText()).isEqualTo(manager);
        assertThat(before.path("startDate").asText()).isEqualTo("2026-07-06");
        assertThat(before.path("endDate").asText()).isEqualTo("2026-07-08");
        assertThat(before.path("workingDays").decimalValue()).isEqualByComparingTo("3.0");
        assertThat(before.path("submittedAt").asText()).isEqualTo("2026-06-01T10:03:20Z");
        assertThat(before.path("decidedBy").isNull()).isTrue();
        assertThat(get(base + "2026-06-01T10:04:59Z", compliance()).getBody().path("request").path("status")
                .asText()).isEqualTo("SUBMITTED");

        JsonNode approved = get(base + "2026-06-01T10:05:00Z", compliance()).getBody().path("request");
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("decidedBy").asText()).isEqualTo(manager);
        assertThat(approved.path("decidedAt").asText()).isEqualTo("2026-06-01T10:05:00Z");
        assertThat(approved.path("cancelledAt").isNull()).isTrue();
        assertThat(get(base + "2026-06-01T10:06:39Z", compliance()).getBody().path("request").path("status")
                .asText()).isEqualTo("APPROVED");

        JsonNode cancelled = get(base + "2026-06-01T10:06:40Z", compliance()).getBody();
        assertThat(cancelled.path("eventsApplied").asInt()).isEqualTo(3);
        assertThat(cancelled.path("request").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("request").path("cancelledBy").asText()).isEqualTo(employee);
        assertThat(cancelled.path("request").path("cancelledAt").asText()).isEqualTo("2026-06-01T10:06:40Z");
        assertThat(cancelled.path("request").path("decidedBy").asText()).isEqualTo(manager);

        JsonNode now = get("/api/audit/leave-requests/" + request + "/state", compliance()).getBody().path("request");
        JsonNode live = get("/api/leave-requests/" + request, token(employee, "EMPLOYEE")).getBody();
        for (String field : List.of("status", "startDate", "endDate", "halfDayStart", "halfDayEnd", "reason",
                "submittedAt", "decidedAt", "decidedBy", "decisionNote", "cancelledAt", "cancelledBy", "cancelReason",
                "updatedAt")) {
            assertThat(now.path(field)).as(field).isEqualTo(live.path(field));
        }
        assertThat(now.path("workingDays").decimalValue()).isEqualByComparingTo(live.path("workingDays")
                .decimalValue());

        assertProblem(get(base + "2026-06-01T10:06:40Z", token(id("hr"), "HR")), 403, "missing-role");
        assertProblem(get("/api/audit/leave-requests/" + id("none") + "/state", compliance()), 404,
                "leave-request-not-found");
    }

    @Test
    void anEmployeesRequestsAsOfTwoInstantsAreFoldedFromTheirEvents() {
        String manager = id("m");
        String employee = id("e");
        List<String> requests = oneApprovedOneRejected(employee, manager, Instant.parse("2026-08-03T08:00:00Z"),
                LocalDate.of(2026, 9, 7), LocalDate.of(2026, 10, 5));
        String first = requests.get(0);
        String second = requests.get(1);
        String base = "/api/audit/employees/" + employee + "/leave-requests?asOf=";
        awaitCaughtUp("audit-log");

        assertThat(get(base + "2026-08-03T08:00:19Z", compliance()).getBody().path("requests")).isEmpty();
        JsonNode early = get(base + "2026-08-03T08:00:45Z", compliance()).getBody();
        assertThat(early.path("employeeId").asText()).isEqualTo(employee);
        assertThat(early.path("eventsApplied").asInt()).isEqualTo(3);
        assertThat(early.path("requests")).extracting(r -> r.path("leaveRequestId").asText())
                .containsExactly(second, first);
        assertThat(early.path("requests")).extracting(r -> r.path("status").asText())
                .containsExactly("SUBMITTED", "APPROVED");

        JsonNode later = get(base + "2026-08-03T08:00:50Z", compliance()).getBody();
        assertThat(later.path("eventsApplied").asInt()).isEqualTo(4);
        assertThat(later.path("requests")).extracting(r -> r.path("status").asText())
                .containsExactly("REJECTED", "APPROVED");
        assertThat(later.path("requests").get(0).path("decidedBy").asText()).isEqualTo(manager);
        assertThat(later.path("requests").get(0).path("workingDays").decimalValue()).isEqualByComparingTo("2.0");

        assertProblem(get(base + "2026-08-03T08:00:50Z", token(employee, "EMPLOYEE")), 403, "missing-role");
    }

    @Test
    void exportsStreamCsvAndNdjsonOfATimeWindow() {
        String employee = id("e");
        ledger.at(Instant.parse("2019-03-01T10:00:00Z")).register(employee, null);
        ledger.at(Instant.parse("2019-03-01T11:00:00Z")).grant(employee, LeaveType.SICK, 2019, "10.0");
        ledger.at(Instant.parse("2019-03-01T12:00:00Z")).adjust(employee, LeaveType.SICK, 2019, "-0.5");
        ledger.at(Instant.parse("2019-03-02T00:00:00Z")).adjust(employee, LeaveType.SICK, 2019, "1.0");
        awaitCaughtUp("audit-log");
        String window = "from=2019-03-01T00:00:00Z&to=2019-03-02T00:00:00Z";

        ResponseEntity<String> csv = getText("/api/audit/export?format=csv&" + window, compliance());
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getContentDisposition().getFilename()).isEqualTo("audit-export.csv");
        List<String> lines = Arrays.asList(csv.getBody().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("event_id,occurred_at,event_type,aggregate_type,aggregate_id,"
                + "aggregate_seq,employee_id,leave_request_id,account_id,actor,correlation_id,causation_id,revision,"
                + "payload");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).contains(",2019-03-01T10:00:00Z,EmployeeRegisteredEvent,Employee," + employee + ",0,");
        assertThat(rows.get(2)).contains("BalanceAdjustedEvent").contains("\"{\"\"accountId\"\":\"\"" + employee);

        ResponseEntity<String> ndjson = getText("/api/audit/export?format=ndjson&" + window, compliance());
        assertThat(ndjson.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        List<JsonNode> events = ndjson.getBody().lines().map(this::parse).toList();
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("EmployeeRegisteredEvent", "EntitlementGrantedEvent", "BalanceAdjustedEvent");
        assertThat(events.get(2).path("payload").path("days").decimalValue()).isEqualByComparingTo("-0.5");
        assertThat(ndjson.getBody()).endsWith("\n");

        assertProblem(get("/api/audit/export?format=xml", compliance()), 400, "invalid-request");
        assertProblem(get("/api/audit/export?format=csv", token(id("eng"), "ENGINEER")), 403, "missing-role");
    }

    /**
     * Registers {@code employee} at {@code t0} with 20 annual days for 2026, then every ten seconds: a one-day request
     * on {@code firstDay} the manager approves, and a two-day request from {@code secondStart} the manager rejects.
     * Returns the two requests, first and second.
     */
    private List<String> oneApprovedOneRejected(String employee, String manager, Instant t0, LocalDate firstDay,
            LocalDate secondStart) {
        ledger.at(t0).register(employee, manager);
        ledger.at(t0.plusSeconds(10)).grant(employee, LeaveType.ANNUAL, 2026, "20.0");
        ledger.at(t0.plusSeconds(20));
        String first = ledger.submit(employee, manager, LeaveType.ANNUAL, firstDay, firstDay, "1.0");
        ledger.at(t0.plusSeconds(30)).approve(first, manager);
        ledger.at(t0.plusSeconds(40));
        String second = ledger.submit(employee, manager, LeaveType.ANNUAL, secondStart, secondStart.plusDays(1), "2.0");
        ledger.at(t0.plusSeconds(50)).reject(second, manager);
        return List.of(first, second);
    }

    /**
     * Registers {@code employee} at {@code t} with 20 annual days for 2026, then every hundred seconds: submits the
     * request, the manager approves it, the employee cancels it. Returns the request.
     */
    private String approvedThenCancelled(String employee, String manager, Instant t, LocalDate start, LocalDate end,
            String days) {
        ledger.at(t).register(employee, manager);
        ledger.at(t.plusSeconds(100)).grant(employee, LeaveType.ANNUAL, 2026, "20.0");
        ledger.at(t.plusSeconds(200));
        String request = ledger.submit(employee, manager, LeaveType.ANNUAL, start, end, days);
        ledger.at(t.plusSeconds(300)).approve(request, manager);
        ledger.at(t.plusSeconds(400)).cancel(request);
        return request;
    }

    private void assertAsOf(String path, String deducted, String reserved, String adjusted, String available) {
        JsonNode answer = get(path, compliance()).getBody();
        JsonNode balance = answer.path("balances").get(0);
        assertThat(balance.path("leaveType").asText()).isEqualTo("ANNUAL");
        assertThat(balance.path("year").asInt()).isEqualTo(2026);
        assertThat(balance.path("granted").decimalValue()).as(path).isEqualByComparingTo("20.0");
        assertThat(balance.path("deducted").decimalValue()).as(path).isEqualByComparingTo(deducted);
        assertThat(balance.path("reserved").decimalValue()).as(path).isEqualByComparingTo(reserved);
        assertThat(balance.path("adjusted").decimalValue()).as(path).isEqualByComparingTo(adjusted);
        assertThat(balance.path("available").decimalValue()).as(path).isEqualByComparingTo(available);
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
