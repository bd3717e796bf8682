package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.support.persistence.StorableText;
import com.leaveledger.support.testing.Scrape;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Poison events (issue 23, docs/adr/0031-poison-events.md): events already in the ledger with a NUL (which
 * PostgreSQL's text columns and its JSON operators refuse) or other control characters in their text are applied by
 * every projection and kept faithfully by the audit log; none stops a processor or holds another employee back.
 * Dead letters the old code left behind for them are healed by a retry through the admin API, and a processor
 * retrying the same batch shows in {@code ledger_processor_retrying_seconds}.
 */
class PoisonEventIT extends QuerySideIT {

    private static final String NUL = "\u0000";
    private static final String CONTROLS = "\u0001\u0007\u001b[31m\u007f\t\r\n";

    @Test
    void eventsWithNulAndControlCharactersGoThroughEveryProjectionAndHoldNobodyBack() {
        String manager = id("boss");
        String poisoned = id("nul");
        // an id with a NUL, as HR could register one before the command side refused it
        String nulId = id("id" + NUL + "x");
        String healthy = id("healthy");
        ledger.register(manager, null);
        register(poisoned, manager, "a" + NUL + "b" + CONTROLS);
        register(nulId, manager, "Nul Id");
        grant(poisoned, "10.0", "contract" + NUL + CONTROLS);
        grant(nulId, "3.0", "contract");
        String request = submit(poisoned, manager, "ski" + NUL + "ing" + CONTROLS);
        approve(request, poisoned, manager, "enjoy" + NUL);
        cancel(request, poisoned, LeaveRequestStatus.APPROVED, "changed" + NUL + "plans" + CONTROLS);
        String second = submit(poisoned, manager, "again" + NUL);
        String ofNulId = submit(nulId, manager, "x" + NUL);
        ledger.register(healthy, manager);
        ledger.grant(healthy, LeaveType.ANNUAL, 2031, "5.0");
        awaitCaughtUp(ALL);

        // every projection applied them, text stored with ␀ for the NUL and every other character as it was
        String stored = StorableText.NUL_SYMBOL + "";
        assertThat(jdbc.queryForObject("select name from employee where employee_id = ?", String.class, poisoned))
                .isEqualTo("a" + stored + "b" + CONTROLS);
        assertThat(jdbc.queryForObject("select count(*) from employee where employee_id = ?", Long.class,
                StorableText.of(nulId))).isEqualTo(1);
        JsonNode cancelled = get("/api/leave-requests/" + request, token(poisoned, "EMPLOYEE")).getBody();
        assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("reason").asText()).isEqualTo("ski" + stored + "ing" + CONTROLS);
        assertThat(cancelled.path("decisionNote").asText()).isEqualTo("enjoy" + stored);
        assertThat(jdbc.queryForObject("select cancel_reason from leave_request where leave_request_id = ?",
                String.class, request)).isEqualTo("changed" + stored + "plans" + CONTROLS);
        assertThat(cancelled.path("history")).hasSize(3);
        assertThat(get("/api/leave-requests/" + second, token(poisoned, "EMPLOYEE")).getBody().path("status")
                .asText()).isEqualTo("SUBMITTED");
        assertThat(jdbc.queryForObject("select employee_id from leave_request where leave_request_id = ?",
                String.class, ofNulId)).isEqualTo(StorableText.of(nulId));
        assertThat(jdbc.queryForObject("select granted from leave_balance where account_id = ?", BigDecimal.class,
                poisoned + ":ANNUAL:2031")).isEqualByComparingTo("10.0");
        assertThat(jdbc.queryForObject("select reserved from leave_balance where account_id = ?", BigDecimal.class,
                poisoned + ":ANNUAL:2031")).isEqualByComparingTo("2.0");

        // the audit log keeps every event with its payload as published: the reader gets the NUL back
        String auditor = token(id("audit"), "COMPLIANCE");
        JsonNode timeline = get("/api/audit/leave-requests/" + request, auditor).getBody().path("events");
        List<String> types = new ArrayList<>();
        timeline.forEach(event -> types.add(event.path("type").asText()));
        assertThat(types).containsExactly("LeaveRequestedEvent", "DaysReservedEvent", "LeaveApprovedEvent",
                "DaysDeductedEvent", "LeaveCancelledEvent", "DaysRestoredEvent");
        assertThat(timeline.get(0).path("payload").path("reason").asText()).isEqualTo("ski" + NUL + "ing" + CONTROLS);
        assertThat(timeline.get(4).path("payload").path("reason").asText())
                .isEqualTo("changed" + NUL + "plans" + CONTROLS);
        assertThat(getText("/api/audit/export?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&format=ndjson",
                auditor).getBody()).contains("changed\\u0000plans");
        // the balance as of now is folded from those payloads (PostgreSQL's ->> refused them: a 500 before)
        JsonNode asOf = get("/api/audit/employees/" + poisoned + "/balances", auditor).getBody();
        assertThat(asOf.path("eventsApplied").asLong()).isEqualTo(5);
        JsonNode annual = asOf.path("balances").get(0);
        assertThat(annual.path("granted").decimalValue()).isEqualByComparingTo("10.0");
        assertThat(annual.path("reserved").decimalValue()).isEqualByComparingTo("2.0");
        assertThat(annual.path("deducted").decimalValue()).isEqualByComparingTo("0.0");
        assertThat(annual.path("available").decimalValue()).isEqualByComparingTo("8.0");

        // nothing was dead-lettered, no processor retries, the healthy employee's events went through
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier in (?, ?)",
                Long.class, poisoned, StorableText.of(nulId))).isZero();
        assertThat(jdbc.queryForObject("select granted from leave_balance where account_id = ?", BigDecimal.class,
                healthy + ":ANNUAL:2031")).isEqualByComparingTo("5.0");
        Scrape scrape = metrics();
        for (String projection : ALL) {
            assertThat(scrape.matching("ledger_processor_retrying_seconds", "processor", projection)).hasSize(1);
            assertThat(scrape.value("ledger_processor_retrying_seconds", "processor", projection)).isZero();
        }
    }

    /**
     * Issue 23, point 6: before the fix PostgreSQL refused the NUL of a cancellation's reason, the event was
     * dead-lettered and the employee's later events queued behind it, so the request read SUBMITTED while the ledger
     * said CANCELLED. Here a test trigger refuses the row as PostgreSQL did (the old code's failing write); once it is
     * gone (the fix deployed), the runbook's retry brings the read model in line.
     */
    @Test
    void deadLettersTheOldCodeLeftForANulAreHealedByARetry() {
        String manager = id("boss");
        String poisoned = id("stuck");
        String healthy = id("flowing");
        ledger.register(manager, null);
        ledger.register(poisoned, manager);
        ledger.register(healthy, manager);
        grant(poisoned, "10.0", "contract");
        String request = submit(poisoned, manager, "holiday");
        awaitCaughtUp(ALL);
        String later;
        try (RefusedWrites refused = refuseWrites("leave_request",
                "strpos(new.cancel_reason, U&'\\2400') > 0 or strpos(new.reason, U&'\\2400') > 0",
                "raise exception using errcode = '22021', "
                        + "message = 'invalid byte sequence for encoding \"UTF8\": 0x00 (the old code)'")) {
            cancel(request, poisoned, LeaveRequestStatus.SUBMITTED, "changed" + NUL + "plans");
            later = submit(poisoned, manager, "next" + NUL);
            String other = submit(healthy, manager, "fine");
            await().atMost(PATIENCE).until(() -> exists(other));
            awaitCaughtUp(ALL);
            // the old state: the request reads SUBMITTED, the employee's later request is missing
            assertThat(status(request)).isEqualTo("SUBMITTED");
            assertThat(exists(later)).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = "
                    + "'leave-requests' and sequence_identifier = ?", Long.class, poisoned)).isEqualTo(2);
        }

        // the runbook: retry the projection's dead letters through the admin API
        String engineer = token(id("eng"), "ENGINEER");
        JsonNode outcome = post("/admin/projections/leave-requests/dead-letters/retry", engineer).getBody();
        assertThat(outcome.path("lettersHandled").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = "
                + "'leave-requests' and sequence_identifier = ?", Long.class, poisoned)).isZero();
        assertThat(status(request)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("select cancel_reason from leave_request where leave_request_id = ?",
                String.class, request)).isEqualTo("changed" + StorableText.NUL_SYMBOL + "plans");
        assertThat(status(later)).isEqualTo("SUBMITTED");
        // and the employee's events flow again
        cancel(later, poisoned, LeaveRequestStatus.SUBMITTED, "no" + NUL);
        await().atMost(PATIENCE).until(() -> "CANCELLED".equals(status(later)));
    }

    /** A processor that keeps failing on the same batch shows how long in ledger_processor_retrying_seconds. */
    @Test
    void aProcessorRetryingTheSameBatchShowsInItsRetryGauge() {
        String blocked = id("blocked");
        try (RefusedWrites refused = refuseWrites("employee", "new.employee_id = '" + blocked + "'",
                "raise exception using errcode = '57P03', message = 'the test trigger is unavailable'")) {
            ledger.register(blocked, null);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(metrics().value(
                    "ledger_processor_retrying_seconds", "processor", "employees")).isGreaterThan(2.0));
            // not a poison: a database error that is not the event's fault is never dead-lettered
            assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier = ?",
                    Long.class, blocked)).isZero();
            assertThat(metrics().value("ledger_processor_retrying_seconds", "processor", "balances")).isZero();
        }
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from employee where employee_id = ?",
                Long.class, blocked) == 1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(metrics().value(
                "ledger_processor_retrying_seconds", "processor", "employees")).isZero());
    }

    // --- events as the command side publishes them ---------------------------------------------------------

    private void register(String employee, String manager, String name) {
        ledger.publish("Employee", employee, new EmployeeRegisteredEvent(EmployeeId.of(employee), name,
                employee + "@example.com", "+4930123456", "push", EmployeeId.of(manager), "DE", "BE",
                Set.of(Channel.EMAIL)), "hr");
    }

    private void grant(String employee, String days, String reason) {
        LeaveAccountId account = account(employee);
        ledger.publish("LeaveAccount", account.asString(), new EntitlementGrantedEvent(account, new BigDecimal(days),
                reason), "hr" + NUL);
    }

    private String submit(String employee, String manager, String reason) {
        String id = UUID.randomUUID().toString();
        LeaveAccountId account = account(employee);
        BigDecimal days = new BigDecimal("2.0");
        ledger.publish("LeaveRequest", id, new LeaveRequestedEvent(LeaveRequestId.of(id), EmployeeId.of(employee),
                EmployeeId.of(manager), LeaveType.ANNUAL, LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 4), false,
                false, days, List.of(new YearShare(2031, days)), reason, List.of(Approver.MANAGER)), employee);
        ledger.publish("LeaveAccount", account.asString(), new DaysReservedEvent(account, LeaveRequestId.of(id),
                days), employee);
        return id;
    }

    private void approve(String request, String employee, String manager, String comment) {
        LeaveAccountId account = account(employee);
        ledger.publish("LeaveRequest", request, new LeaveApprovedEvent(LeaveRequestId.of(request),
                EmployeeId.of(employee), EmployeeId.of(manager), comment), manager);
        ledger.publish("LeaveAccount", account.asString(), new DaysDeductedEvent(account, LeaveRequestId.of(request),
                new BigDecimal("2.0")), manager);
    }

    private void cancel(String request, String employee, LeaveRequestStatus before, String reason) {
        LeaveAccountId account = account(employee);
        ledger.publish("LeaveRequest", request, new LeaveCancelledEvent(LeaveRequestId.of(request),
                EmployeeId.of(employee), EmployeeId.of(employee), before, reason), employee);
        ledger.publish("LeaveAccount", account.asString(), before == LeaveRequestStatus.APPROVED
                ? new DaysRestoredEvent(account, LeaveRequestId.of(request), new BigDecimal("2.0"))
                : new ReservationReleasedEvent(account, LeaveRequestId.of(request), new BigDecimal("2.0")), employee);
    }

    private static LeaveAccountId account(String employee) {
        return new LeaveAccountId(EmployeeId.of(employee), LeaveType.ANNUAL, 2031);
    }

    private boolean exists(String request) {
        return jdbc.queryForObject("select count(*) from leave_request where leave_request_id = ?", Long.class,
                request) == 1;
    }

    private String status(String request) {
        List<String> status = jdbc.queryForList("select status from leave_request where leave_request_id = ?",
                String.class, request);
        return status.isEmpty() ? null : status.get(0);
    }
}
