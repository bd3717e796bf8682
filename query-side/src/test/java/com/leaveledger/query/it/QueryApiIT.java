package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** The query API over real HTTP: answers, ownership rules, problem+json refusals, paging. */
class QueryApiIT extends QuerySideIT {

    private String manager;
    private String otherManager;
    private String eli;
    private String eva;
    private String stranger;

    @BeforeEach
    void team() {
        manager = id("mia");
        otherManager = id("max");
        eli = id("eli");
        eva = id("eva");
        stranger = id("sam");
        ledger.register(manager, null);
        ledger.register(otherManager, null);
        ledger.register(eli, manager);
        ledger.register(eva, manager);
        ledger.register(stranger, otherManager);
    }

    @Test
    void aRequestIsVisibleToItsOwnerTheirManagerAndHrOnly() {
        ledger.grant(eli, LeaveType.ANNUAL, 2031, "30.0");
        String request = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2031, 3, 3),
                LocalDate.of(2031, 3, 7), "5.0");
        ledger.approve(request, manager);
        String path = "/api/leave-requests/" + request;
        awaitCaughtUp(ALL);

        JsonNode view = get(path, token(eli, "EMPLOYEE")).getBody();
        assertThat(view.path("employeeId").asText()).isEqualTo(eli);
        assertThat(view.path("startDate").asText()).isEqualTo("2031-03-03");
        assertThat(view.path("endDate").asText()).isEqualTo("2031-03-07");
        assertThat(view.path("workingDays").decimalValue()).isEqualByComparingTo("5.0");
        assertThat(view.path("shares").get(0).path("year").asInt()).isEqualTo(2031);
        assertThat(view.path("decidedBy").asText()).isEqualTo(manager);
        assertThat(view.path("history")).extracting(h -> h.path("event").asText())
                .containsExactly("LeaveRequested", "LeaveApproved");
        assertThat(view.path("history").get(1).path("actor").asText()).isEqualTo(manager);
        assertThat(view.path("history").get(1).path("status").asText()).isEqualTo("APPROVED");

        assertThat(get(path, token(manager, "EMPLOYEE", "MANAGER")).getStatusCode().value()).isEqualTo(200);
        assertThat(get(path, token(id("hr"), "HR")).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(path, token(eva, "EMPLOYEE")), 403, "not-your-request");
        assertProblem(get(path, token(otherManager, "EMPLOYEE", "MANAGER")), 403, "not-your-request");
        assertProblem(get(path, token(id("auditor"), "COMPLIANCE")), 403, "missing-role");
        assertProblem(get("/api/leave-requests/" + id("nope"), token(eli, "EMPLOYEE")), 404,
                "leave-request-not-found");
    }

    @Test
    void anEmployeesRequestsArePagedAndFilteredByStatus() {
        ledger.grant(eva, LeaveType.ANNUAL, 2031, "30.0");
        List<String> requests = new ArrayList<>();
        for (int week = 0; week < 5; week++) {
            LocalDate monday = LocalDate.of(2031, 4, 7).plusWeeks(week);
            requests.add(ledger.submit(eva, manager, LeaveType.ANNUAL, monday, monday.plusDays(1), "2.0"));
        }
        ledger.approve(requests.get(0), manager);
        ledger.reject(requests.get(1), manager);
        ledger.cancel(requests.get(2));
        String base = "/api/employees/" + eva + "/leave-requests";
        awaitCaughtUp(ALL);

        JsonNode first = get(base + "?size=2", token(eva, "EMPLOYEE")).getBody();
        assertThat(first.path("totalItems").asInt()).isEqualTo(5);
        assertThat(first.path("totalPages").asInt()).isEqualTo(3);
        assertThat(first.path("items")).hasSize(2);
        assertThat(first.path("items").get(0).path("startDate").asText()).isEqualTo("2031-05-05");
        JsonNode last = get(base + "?size=2&page=2", token(eva, "EMPLOYEE")).getBody();
        assertThat(last.path("items")).hasSize(1);
        assertThat(last.path("items").get(0).path("leaveRequestId").asText()).isEqualTo(requests.get(0));

        JsonNode submitted = get(base + "?status=SUBMITTED", token(manager, "EMPLOYEE", "MANAGER")).getBody();
        assertThat(submitted.path("items")).extracting(i -> i.path("leaveRequestId").asText())
                .containsExactlyInAnyOrder(requests.get(3), requests.get(4));
        assertThat(get(base + "?status=APPROVED", token(id("hr"), "HR")).getBody().path("items").get(0)
                .path("status").asText()).isEqualTo("APPROVED");

        assertProblem(get(base, token(eli, "EMPLOYEE")), 403, "not-your-report");
        assertProblem(get(base, token(otherManager, "EMPLOYEE", "MANAGER")), 403, "not-your-report");
        assertProblem(get(base + "?status=LOST", token(eva, "EMPLOYEE")), 400, "invalid-request");
        assertProblem(get(base + "?size=0", token(eva, "EMPLOYEE")), 400, "invalid-request");
    }

    @Test
    void balancesPerLeaveTypeEqualTheLedger() {
        ledger.grant(eli, LeaveType.ANNUAL, 2031, "30.0");
        ledger.carryOver(eli, LeaveType.ANNUAL, 2031, "4.5");
        ledger.adjust(eli, LeaveType.ANNUAL, 2031, "-2.0");
        ledger.grant(eli, LeaveType.SICK, 2031, "10.0");
        String approved = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2031, 6, 2),
                LocalDate.of(2031, 6, 6), "5.0");
        ledger.approve(approved, manager);
        String pending = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2031, 7, 1),
                LocalDate.of(2031, 7, 2), "2.0");
        String rejected = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2031, 8, 4),
                LocalDate.of(2031, 8, 4), "1.0");
        ledger.reject(rejected, manager);
        String restored = ledger.submit(eli, manager, LeaveType.SICK, LocalDate.of(2031, 9, 1),
                LocalDate.of(2031, 9, 3), "3.0");
        ledger.approve(restored, manager);
        ledger.cancel(restored);
        ledger.grant(eli, LeaveType.ANNUAL, 2032, "28.0");
        awaitCaughtUp(ALL);

        JsonNode answer = get("/api/employees/" + eli + "/balances?year=2031", token(eli, "EMPLOYEE")).getBody();
        assertThat(answer.path("year").asInt()).isEqualTo(2031);
        JsonNode balances = answer.path("balances");
        assertThat(balances).extracting(b -> b.path("leaveType").asText()).containsExactly("ANNUAL", "SICK");
        assertBalance(balances.get(0), ledger.balance(eli, LeaveType.ANNUAL, 2031), "25.5");
        assertBalance(balances.get(1), ledger.balance(eli, LeaveType.SICK, 2031), "10.0");
        assertThat(pending).isNotBlank();

        assertThat(get("/api/employees/" + eli + "/balances?year=2032", token(manager, "EMPLOYEE", "MANAGER"))
                .getBody().path("balances")).hasSize(1);
        assertThat(get("/api/employees/" + eli + "/balances?year=2040", token(id("hr"), "HR"))
                .getBody().path("balances")).isEmpty();
        assertProblem(get("/api/employees/" + eli + "/balances?year=2031", token(eva, "EMPLOYEE")), 403,
                "not-your-report");
        assertProblem(get("/api/employees/" + eli + "/balances?year=soon", token(eli, "EMPLOYEE")), 400,
                "invalid-request");
    }

    @Test
    void pendingApprovalsAreTheManagersOwnOldestFirst() {
        ledger.grant(eli, LeaveType.ANNUAL, 2031, "30.0");
        ledger.grant(eva, LeaveType.ANNUAL, 2031, "30.0");
        ledger.grant(stranger, LeaveType.ANNUAL, 2031, "30.0");
        String first = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2031, 10, 6),
                LocalDate.of(2031, 10, 7), "2.0");
        String second = ledger.submit(eva, manager, LeaveType.ANNUAL, LocalDate.of(2031, 10, 6),
                LocalDate.of(2031, 10, 6), "1.0");
        String decided = ledger.submit(eva, manager, LeaveType.ANNUAL, LocalDate.of(2031, 11, 3),
                LocalDate.of(2031, 11, 3), "1.0");
        ledger.approve(decided, manager);
        ledger.submit(stranger, otherManager, LeaveType.ANNUAL, LocalDate.of(2031, 10, 6),
                LocalDate.of(2031, 10, 6), "1.0");
        String path = "/api/managers/" + manager + "/pending-approvals";
        awaitCaughtUp(ALL);

        JsonNode pending = get(path, token(manager, "EMPLOYEE", "MANAGER")).getBody();
        assertThat(pending.path("items")).extracting(i -> i.path("leaveRequestId").asText())
                .containsExactly(first, second);
        assertThat(pending.path("items").get(0).path("employeeName").asText()).isEqualTo("Name " + eli);
        JsonNode eliBalance = pending.path("items").get(0).path("balances");
        assertThat(eliBalance).as(pending.toString()).hasSize(1);
        assertThat(eliBalance.get(0).path("year").asInt()).isEqualTo(2031);
        assertBalance(eliBalance.get(0), new BigDecimal[] {new BigDecimal("30.0"), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("2.0")}, "28.0");
        assertBalance(pending.path("items").get(1).path("balances").get(0), new BigDecimal[] {new BigDecimal("30.0"),
                BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.0"), new BigDecimal("1.0")}, "28.0");
        assertProblem(get(path, token(otherManager, "EMPLOYEE", "MANAGER")), 403, "not-that-manager");
        assertProblem(get(path, token(manager, "EMPLOYEE")), 403, "missing-role");
    }

    @Test
    void aTwoLevelRequestWaitsForEachApproverInTurnAndShowsWhoApprovedEachLevel() {
        ledger.grant(eli, LeaveType.PARENTAL, 2031, "60.0");
        ledger.grant(eva, LeaveType.ANNUAL, 2031, "30.0");
        String hr = id("hr");
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        ledger.delegate(manager, otherManager, today.minusDays(1), today.plusDays(7));
        String revoked = ledger.delegate(manager, stranger, today.minusDays(1), today.plusDays(7));
        ledger.revokeDelegation(manager, revoked);
        String parental = ledger.submit(eli, manager, LeaveType.PARENTAL, LocalDate.of(2031, 5, 5),
                LocalDate.of(2031, 5, 9), false, false, "5.0", "baby", List.of(Approver.MANAGER, Approver.HR));
        String annual = ledger.submit(eva, manager, LeaveType.ANNUAL, LocalDate.of(2031, 6, 2),
                LocalDate.of(2031, 6, 3), "2.0");
        awaitCaughtUp(ALL);

        // at the MANAGER level: the manager's and their delegate's lists, not HR's nor a revoked delegate's
        assertThat(pendingIds("/api/managers/" + manager + "/pending-approvals", token(manager, "MANAGER")))
                .containsExactly(parental, annual);
        assertThat(pendingIds("/api/managers/" + otherManager + "/pending-approvals",
                token(otherManager, "MANAGER"))).containsExactly(parental, annual);
        assertThat(pendingIds("/api/managers/" + stranger + "/pending-approvals", token(stranger, "MANAGER")))
                .isEmpty();
        assertThat(pendingIds("/api/hr/pending-approvals", token(hr, "HR"))).isEmpty();
        // the manager's current delegations (the revoked one left out), to the manager and HR only
        String delegations = "/api/employees/" + manager + "/delegations";
        assertThat(get(delegations, token(manager, "MANAGER")).getBody()).singleElement().satisfies(d -> {
            assertThat(d.path("delegateId").asText()).isEqualTo(otherManager);
            assertThat(d.path("from").asText()).isEqualTo(today.minusDays(1).toString());
            assertThat(d.path("to").asText()).isEqualTo(today.plusDays(7).toString());
        });
        assertThat(get(delegations, token(hr, "HR")).getBody()).hasSize(1);
        assertProblem(get(delegations, token(otherManager, "MANAGER")), 403, "not-that-manager");
        assertProblem(get(delegations, token(manager, "EMPLOYEE")), 403, "missing-role");
        JsonNode awaiting = get("/api/leave-requests/" + parental, token(otherManager, "MANAGER")).getBody();
        assertThat(awaiting.path("approvals")).extracting(JsonNode::asText).containsExactly("MANAGER", "HR");
        assertThat(awaiting.path("awaiting").asText()).isEqualTo("MANAGER");
        assertThat(awaiting.path("levelsPassed")).isEmpty();

        ledger.approveLevel(parental, 1, Approver.MANAGER, otherManager, manager, Approver.HR);
        awaitCaughtUp(ALL);
        assertThat(pendingIds("/api/managers/" + manager + "/pending-approvals", token(manager, "MANAGER")))
                .containsExactly(annual);
        assertThat(pendingIds("/api/hr/pending-approvals", token(hr, "HR"))).containsExactly(parental);
        JsonNode hrItem = get("/api/hr/pending-approvals", token(hr, "HR")).getBody().path("items").get(0);
        assertThat(hrItem.path("awaiting").asText()).isEqualTo("HR");
        assertThat(hrItem.path("approvals")).extracting(JsonNode::asText).containsExactly("MANAGER", "HR");
        assertThat(hrItem.path("levelsPassed").get(0).path("approvedBy").asText()).isEqualTo(otherManager);
        assertThat(hrItem.path("levelsPassed").get(0).path("onBehalfOf").asText()).isEqualTo(manager);
        assertThat(pendingIds("/api/hr/pending-approvals", token(eli, "HR"))).as("not one's own").isEmpty();
        assertProblem(get("/api/hr/pending-approvals", token(manager, "MANAGER")), 403, "missing-role");
        JsonNode atHr = get("/api/leave-requests/" + parental, token(eli, "EMPLOYEE")).getBody();
        assertThat(atHr.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(atHr.path("awaiting").asText()).isEqualTo("HR");
        assertThat(atHr.path("levelsPassed").get(0).path("approvedAs").asText()).isEqualTo("MANAGER");
        assertThat(atHr.path("levelsPassed").get(0).path("approvedBy").asText()).isEqualTo(otherManager);
        assertThat(atHr.path("levelsPassed").get(0).path("onBehalfOf").asText()).isEqualTo(manager);
        assertThat(atHr.path("history")).extracting(h -> h.path("event").asText())
                .containsExactly("LeaveRequested", "LeaveLevelApproved");

        ledger.approve(parental, hr, null);
        awaitCaughtUp(ALL);
        assertThat(pendingIds("/api/hr/pending-approvals", token(hr, "HR"))).isEmpty();
        JsonNode approved = get("/api/leave-requests/" + parental, token(eli, "EMPLOYEE")).getBody();
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("awaiting").isNull()).isTrue();
        assertThat(approved.path("levelsPassed")).extracting(l -> l.path("approvedAs").asText() + " "
                + l.path("approvedBy").asText()).containsExactly("MANAGER " + otherManager, "HR " + hr);
        assertThat(approved.path("decidedBy").asText()).isEqualTo(hr);
    }

    @Test
    void theLeavePoliciesAreShownToAnyRole() {
        JsonNode policies = get("/api/leave-policies", token(eli, "EMPLOYEE")).getBody();
        JsonNode parental = policies.path("types").path("PARENTAL");
        assertThat(parental.path("approvals")).extracting(level -> level.path("approver").asText())
                .containsExactly("MANAGER", "HR");
        assertThat(parental.path("allowsHalfDays").asBoolean(true)).isFalse();
        assertThat(policies.path("types").path("ANNUAL").path("approvals").get(1).path("overWorkingDays")
                .decimalValue()).isEqualByComparingTo("10");
        assertThat(policies.path("reminders").path("escalateAfterWorkingDays").asInt()).isEqualTo(5);
        assertThat(get("/api/leave-policies", token(id("auditor"), "COMPLIANCE")).getStatusCode().value())
                .isEqualTo(200);
        assertProblem(get("/api/leave-policies", null), 401, "unauthenticated");
    }

    private List<String> pendingIds(String path, String token) {
        ResponseEntity<JsonNode> answer = get(path, token);
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.getBody().path("items").forEach(item -> ids.add(item.path("leaveRequestId").asText()));
        return ids;
    }

    @Test
    void theTeamCalendarShowsWhoIsOffOnEachWorkingDay() {
        ledger.grant(eli, LeaveType.ANNUAL, 2029, "30.0");
        ledger.grant(eva, LeaveType.ANNUAL, 2029, "30.0");
        // Mon 1 – Fri 5 October 2029; Wednesday 3 October is a public holiday in Germany; the Friday is a half day
        String approved = ledger.submit(eli, manager, LeaveType.ANNUAL, LocalDate.of(2029, 10, 1),
                LocalDate.of(2029, 10, 5), false, true, "3.5");
        ledger.approve(approved, manager);
        String pending = ledger.submit(eva, manager, LeaveType.ANNUAL, LocalDate.of(2029, 10, 5),
                LocalDate.of(2029, 10, 8), "2.0");
        String rejected = ledger.submit(eva, manager, LeaveType.ANNUAL, LocalDate.of(2029, 10, 2),
                LocalDate.of(2029, 10, 2), "1.0");
        ledger.reject(rejected, manager);
        awaitCaughtUp(ALL);
        String path = "/api/team-calendar?managerId=" + manager + "&from=2029-10-01&to=2029-10-07";

        JsonNode calendar = get(path, token(manager, "EMPLOYEE", "MANAGER")).getBody();
        JsonNode days = calendar.path("days");
        assertThat(days).hasSize(7);
        assertThat(offOn(days, 0)).containsExactly(eli + " FULL APPROVED");
        assertThat(offOn(days, 1)).containsExactly(eli + " FULL APPROVED");
        assertThat(offOn(days, 2)).isEmpty();
        assertThat(offOn(days, 3)).containsExactly(eli + " FULL APPROVED");
        assertThat(offOn(days, 4)).containsExactlyInAnyOrder(eli + " HALF APPROVED", eva + " FULL SUBMITTED");
        assertThat(offOn(days, 5)).isEmpty();
        assertThat(offOn(days, 6)).isEmpty();
        assertThat(days.get(4).path("off").get(0).path("employeeName").asText()).startsWith("Name ");
        assertThat(pending).isNotBlank();
        JsonNode holidays = calendar.path("holidays");
        assertThat(holidays).as(holidays.toString()).hasSize(1);
        assertThat(holidays.get(0).path("date").asText()).isEqualTo("2029-10-03");
        assertThat(holidays.get(0).path("name").asText()).containsIgnoringCase("German Unity");
        assertThat(holidays.get(0).path("country").asText()).isEqualTo("DE");
        assertThat(holidays.get(0).path("subdivision").asText()).isEqualTo("BE");

        assertThat(get(path, token(id("hr"), "HR")).getStatusCode().value()).isEqualTo(200);
        assertProblem(get(path, token(otherManager, "EMPLOYEE", "MANAGER")), 403, "not-your-team");
        assertProblem(get(path, token(eli, "EMPLOYEE")), 403, "missing-role");
        assertProblem(get("/api/team-calendar?managerId=" + manager + "&from=2029-10-07&to=2029-10-01",
                token(manager, "MANAGER")), 400, "invalid-period");
        assertProblem(get("/api/team-calendar?managerId=" + manager + "&from=2029-10-07",
                token(manager, "MANAGER")), 400, "invalid-request");
    }

    private static List<String> offOn(JsonNode days, int index) {
        return StreamSupport.stream(days.get(index).path("off").spliterator(), false)
                .map(a -> a.path("employeeId").asText() + " " + a.path("portion").asText() + " "
                        + a.path("status").asText())
                .toList();
    }

    private static void assertBalance(JsonNode balance, BigDecimal[] ledger, String available) {
        assertThat(balance.path("granted").decimalValue()).isEqualByComparingTo(ledger[0]);
        assertThat(balance.path("carried").decimalValue()).isEqualByComparingTo(ledger[1]);
        assertThat(balance.path("adjusted").decimalValue()).isEqualByComparingTo(ledger[2]);
        assertThat(balance.path("deducted").decimalValue()).isEqualByComparingTo(ledger[3]);
        assertThat(balance.path("reserved").decimalValue()).isEqualByComparingTo(ledger[4]);
        assertThat(balance.path("available").decimalValue()).isEqualByComparingTo(available);
    }
}
