package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.e2e.Ledger.Person;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The operations and refusals the end-to-end walk-through does not reach on its own, so that the contract test
 * ({@link OpenApiContract}) sees each service's successes and its 400, 401, 403, 404, 409, 413/415 and 422 answers.
 * Every call asserts the status it expects: an answer the contract test judges is one the test meant to get.
 */
final class ContractWalkThrough {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

    private final ServiceProcess commands;
    private final ServiceProcess query;
    private final ServiceProcess notifications;
    private final Ledger ledger;

    ContractWalkThrough(ServiceProcess commands, ServiceProcess query, ServiceProcess notifications) {
        this.commands = commands;
        this.query = query;
        this.notifications = notifications;
        this.ledger = new Ledger(commands);
    }

    void run() {
        Person manager = Person.manager("cora");
        Person employee = Person.reportingTo("carl", manager);
        Person stranger = Person.manager("cole");
        Person refused = Person.reportingTo("cleo", manager);
        Person unreachable = Person.reportingTo("cliff", manager);
        ledger.register(manager);
        ledger.register(employee);
        ledger.register(stranger);
        ledger.register(refused);
        ledger.grant(employee, 2032, 10);
        String approved = ledger.submit(employee, "2032-03-01", "2032-03-05", "contract-submit-1");
        ledger.approve(manager, approved, "contract-approve");
        String rejected = ledger.submit(employee, "2032-04-05", "2032-04-06", "contract-submit-2");
        await("requests projected").atMost(PATIENCE).until(() -> "APPROVED".equals(Ledger.status(query, employee,
                approved)) && Ledger.status(query, employee, rejected) != null);
        await("notified").atMost(PATIENCE).until(() -> Ledger.notifications(notifications, approved).size() > 0);

        commandSide(manager, employee, stranger, rejected);
        querySide(manager, employee, stranger, approved);
        projectionDeadLetters(refused);
        processorDeadLetters(unreachable);
        notificationSaga(employee, stranger, approved);
    }

    private void commandSide(Person manager, Person employee, Person stranger, String pending) {
        String accounts = "/api/leave-accounts/" + employee.id() + "/ANNUAL/2032";
        expect(202, Http.post(commands, accounts + "/adjustments", Ledger.HR,
                Map.of("days", -1.5, "reason", "correction")));
        expect(202, Http.post(commands, "/api/leave-requests/" + pending + "/reject", manager.token(),
                Map.of("reason", "team offsite")));
        // Year-end and accrual (HR): one account, the bulk close and its progress, a month's accrual
        int closed = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear() - 1;
        ledger.grant(employee, closed, 8);
        String closedAccount = "/api/leave-accounts/" + employee.id() + "/ANNUAL/" + closed;
        expect(200, Http.post(commands, closedAccount + "/carry-over", Ledger.HR, null));
        expect(422, Http.post(commands, "/api/leave-accounts/" + employee.id() + "/SICK/" + closed + "/carry-over",
                Ledger.HR, null));
        expect(200, Http.post(commands, "/admin/year-end/" + closed, Ledger.HR, null));
        expect(200, Http.get(commands, "/admin/year-end/" + closed, Ledger.HR));
        expect(404, Http.get(commands, "/admin/year-end/2001", Ledger.HR));
        expect(200, Http.post(commands, "/admin/accruals/" + java.time.YearMonth.now(java.time.ZoneOffset.UTC),
                Ledger.HR, null));
        expect(422, Http.post(commands, "/admin/accruals/2099-01", Ledger.HR, null));
        // 400: a field breaks its rule; a body that is not JSON; a period backwards
        expect(400, Http.post(commands, "/api/employees", Ledger.HR, Map.of("id", "x y", "name", "n",
                "email", "n@example.com", "country", "DE")));
        expect(400, Http.postRaw(commands, accounts + "/entitlements", Ledger.HR, "application/json", "{\"days\":"));
        expect(400, Http.get(commands, "/api/audit/bundle?employeeId=" + employee.id()
                + "&from=2032-02-01T00:00:00Z&to=2032-01-01T00:00:00Z", Ledger.COMPLIANCE));
        // 401: no token
        expect(401, Http.post(commands, "/api/leave-requests", null, Map.of()));
        // 403: the role, the owner, the manager
        expect(403, Http.post(commands, accounts + "/entitlements", employee.token(), Map.of("days", 1)));
        expect(403, Http.post(commands, "/api/leave-requests", employee.token(), Map.of("employeeId", manager.id(),
                "leaveType", "ANNUAL", "startDate", "2032-05-03", "endDate", "2032-05-03")));
        String another = ledger.submit(employee, "2032-06-07", "2032-06-07", "contract-submit-3");
        expect(403, Http.post(commands, "/api/leave-requests/" + another + "/approve", stranger.token(), Map.of()));
        // 404: no such request, no such employee
        expect(404, Http.post(commands, "/api/leave-requests/" + UNKNOWN_ID + "/cancel", employee.token(), Map.of()));
        expect(404, Http.get(commands, "/api/audit/bundle?employeeId=nobody-at-all"
                + "&from=2032-01-01T00:00:00Z&to=2032-02-01T00:00:00Z", Ledger.COMPLIANCE));
        // 409: registered twice; overlapping; not pending any more
        expect(409, Http.post(commands, "/api/employees", Ledger.HR, Map.of("id", employee.id(), "name", "again",
                "email", "again@example.com", "country", "DE")));
        expect(409, Http.post(commands, "/api/leave-requests", employee.token(), Map.of("employeeId", employee.id(),
                "leaveType", "ANNUAL", "startDate", "2032-03-04", "endDate", "2032-03-09")));
        expect(409, Http.post(commands, "/api/leave-requests/" + pending + "/approve", manager.token(), Map.of()));
        // 422: more days than there are
        expect(422, Http.post(commands, "/api/leave-requests", employee.token(), Map.of("employeeId", employee.id(),
                "leaveType", "ANNUAL", "startDate", "2032-09-06", "endDate", "2032-09-24")));
        // 415: not JSON
        expect(415, Http.postRaw(commands, "/api/leave-requests/" + another + "/cancel", employee.token(),
                "text/plain", "reason"));
        expect(202, Http.post(commands, "/api/leave-requests/" + another + "/cancel", employee.token(), Map.of()));
        // delegation: by the manager themself (or HR), revoked once
        String delegations = "/api/employees/" + manager.id() + "/delegations";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> period = Map.of("delegateId", stranger.id(), "from", today.toString(),
                "to", today.plusDays(3).toString());
        expect(403, Http.post(commands, delegations, stranger.token(), period));
        Http.Answer delegated = Http.post(commands, delegations, manager.token(), period);
        expect(201, delegated);
        String revocation = delegations + "/" + delegated.body().path("delegationId").asText() + "/revocation";
        expect(204, Http.post(commands, revocation, manager.token(), null));
        expect(404, Http.post(commands, revocation, Ledger.HR, null));
        // the audit operations
        expect(200, Http.get(commands, "/api/working-days?employeeId=" + employee.id()
                + "&startDate=2031-09-01&endDate=2031-09-05&halfDayEnd=true", employee.token()));
        expect(403, Http.get(commands, "/api/working-days?employeeId=" + employee.id()
                + "&startDate=2031-09-01&endDate=2031-09-05", stranger.token()));
        expect(422, Http.get(commands, "/api/working-days?employeeId=" + employee.id()
                + "&startDate=2031-09-06&endDate=2031-09-07", employee.token()));
        // part-time working days (HR): recorded, then a day named twice refused
        String workingDays = "/api/employees/" + stranger.id() + "/working-days";
        expect(202, Http.put(commands, workingDays, Ledger.HR, Map.of("workingDays",
                List.of("MONDAY", "TUESDAY", "WEDNESDAY"), "effectiveFrom", "2032-01-01")));
        expect(400, Http.put(commands, workingDays, Ledger.HR, Map.of("workingDays", List.of("MONDAY", "MONDAY"),
                "effectiveFrom", "2032-01-01")));
        expect(200, Http.get(commands, "/api/audit/integrity", Ledger.COMPLIANCE));
        expect(200, Http.get(commands, "/api/audit/bundle?employeeId=" + employee.id()
                + "&from=2032-01-01T00:00:00Z&to=2099-01-01T00:00:00Z", Ledger.COMPLIANCE));
    }

    private void querySide(Person manager, Person employee, Person stranger, String approved) {
        String self = "/api/employees/" + employee.id();
        expect(200, Http.get(query, self + "/balances?year=2032", employee.token()));
        expect(400, Http.get(query, self + "/balances?year=0x7E3", employee.token()));
        expect(401, Http.get(query, self + "/balances", null));
        expect(403, Http.get(query, self + "/balances", stranger.token()));
        expect(403, Http.get(query, self + "/balances", Ledger.COMPLIANCE));
        // a manager's current delegations: theirs, not a stranger's
        expect(200, Http.get(query, "/api/employees/" + manager.id() + "/delegations", manager.token()));
        expect(403, Http.get(query, "/api/employees/" + manager.id() + "/delegations", Ledger.COMPLIANCE));
        expect(200, Http.get(query, self + "/leave-requests?status=APPROVED&page=0&size=10", employee.token()));
        expect(400, Http.get(query, self + "/leave-requests?page=-1", employee.token()));
        expect(404, Http.get(query, "/api/leave-requests/" + UNKNOWN_ID, employee.token()));
        expect(200, Http.get(query, "/api/managers/" + manager.id() + "/pending-approvals", manager.token()));
        expect(403, Http.get(query, "/api/managers/" + manager.id() + "/pending-approvals", stranger.token()));
        expect(200, Http.get(query, "/api/hr/pending-approvals?page=0&size=10", Ledger.HR));
        expect(403, Http.get(query, "/api/hr/pending-approvals", manager.token()));
        expect(200, Http.get(query, "/api/leave-policies", employee.token()));
        expect(401, Http.get(query, "/api/leave-policies", null));
        String calendar = "/api/team-calendar?managerId=" + manager.id();
        expect(200, Http.get(query, calendar + "&from=2032-03-01&to=2032-03-31", manager.token()));
        expect(400, Http.get(query, calendar + "&from=2032-03-31&to=2032-03-01", manager.token()));
        expect(403, Http.get(query, calendar + "&from=2032-03-01&to=2032-03-31", stranger.token()));

        expect(200, Http.get(query, "/api/audit/leave-requests/" + approved, Ledger.COMPLIANCE));
        expect(404, Http.get(query, "/api/audit/leave-requests/" + UNKNOWN_ID, Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/leave-requests/" + approved + "/state", Ledger.COMPLIANCE));
        expect(404, Http.get(query, "/api/audit/leave-requests/" + UNKNOWN_ID + "/state", Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/employees/" + employee.id() + "?type=LeaveApprovedEvent&page=0",
                Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/employees/" + employee.id() + "/balances", Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/employees/" + employee.id() + "/leave-requests"
                + "?asOf=2099-01-01T00:00:00Z", Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/export?format=csv", Ledger.COMPLIANCE));
        expect(200, Http.get(query, "/api/audit/export?from=2000-01-01T00:00:00Z", Ledger.COMPLIANCE));
        expect(400, Http.get(query, "/api/audit/export?from=2032-02-01T00:00:00Z&to=2032-01-01T00:00:00Z",
                Ledger.COMPLIANCE));

        expect(200, Http.get(query, "/admin/projections", Ledger.ENGINEER));
        expect(403, Http.get(query, "/admin/projections", employee.token()));
        expect(200, Http.get(query, "/admin/projections/balances", Ledger.ENGINEER));
        expect(404, Http.get(query, "/admin/projections/no-such-projection", Ledger.ENGINEER));
        expect(404, Http.post(query, "/admin/projections/no-such-projection/replay", Ledger.ENGINEER, null));
        expect(200, Http.get(query, "/admin/projections/balances/dead-letters", Ledger.ENGINEER));
        expect(200, Http.post(query, "/admin/projections/balances/dead-letters/retry", Ledger.ENGINEER, null));
        expect(204, Http.delete(query, "/admin/projections/visibility-lag", Ledger.ENGINEER));
    }

    private void projectionDeadLetters(Person refused) {
        String letter;
        try (RefusedRows trigger = RefusedRows.balances(refused.id())) {
            ledger.grant(refused, 2032, 3);
            letter = RefusedRows.awaitLetters(query, refused.id(), 1).get(0).path("id").asText();
        }
        String path = "/admin/projections/balances/dead-letters/";
        expect(400, Http.delete(query, path + letter, Ledger.ENGINEER));
        expect(403, Http.delete(query, path + letter + "?reason=test", Ledger.COMPLIANCE));
        expect(404, Http.delete(query, "/admin/projections/no-such-projection/dead-letters/" + letter + "?reason=test",
                Ledger.ENGINEER));
        expect(404, Http.delete(query, path + UNKNOWN_ID + "?reason=test", Ledger.ENGINEER));
        expect(200, Http.delete(query, path + letter + "?reason=contract%20walk-through", Ledger.ENGINEER));
    }

    /** A registration the saga's employee directory refuses, dead-lettered in Axon's queue and dismissed (issue 25). */
    private void processorDeadLetters(Person refused) {
        String letters = "/admin/processors/employee-directory/dead-letters";
        String path = letters + "/";
        String letter;
        try (RefusedRows trigger = RefusedRows.directory(refused.id())) {
            ledger.register(refused);
            letter = RefusedRows.awaitLetters(notifications, letters, refused.id(), 1).get(0).path("id").asText();
        }
        expect(400, Http.delete(notifications, path + letter, Ledger.ENGINEER));
        expect(403, Http.delete(notifications, path + letter + "?reason=test", Ledger.COMPLIANCE));
        expect(404, Http.delete(notifications, "/admin/processors/no-such-processor/dead-letters/" + letter
                + "?reason=test", Ledger.ENGINEER));
        expect(404, Http.delete(notifications, path + UNKNOWN_ID + "?reason=test", Ledger.ENGINEER));
        expect(200, Http.delete(notifications, path + letter + "?reason=contract%20walk-through", Ledger.ENGINEER));
    }

    private void notificationSaga(Person employee, Person stranger, String approved) {
        expect(200, Http.get(notifications, "/api/notifications?leaveRequestId=" + approved, employee.token()));
        expect(400, Http.get(notifications, "/api/notifications?leaveRequestId=", employee.token()));
        expect(401, Http.get(notifications, "/api/notifications?leaveRequestId=" + approved, null));
        expect(403, Http.get(notifications, "/api/notifications?leaveRequestId=" + approved, stranger.token()));
        expect(200, Http.get(notifications, "/api/notifications?leaveRequestId=" + approved, Ledger.ENGINEER));
        expect(200, Http.get(notifications, "/admin/notifications?limit=5&offset=0", Ledger.ENGINEER));
        expect(400, Http.get(notifications, "/admin/notifications?limit=0", Ledger.ENGINEER));
        expect(403, Http.get(notifications, "/admin/notifications", employee.token()));
        expect(200, Http.get(notifications, "/admin/circuit-breakers", Ledger.ENGINEER));
        expect(403, Http.get(notifications, "/admin/circuit-breakers", Ledger.COMPLIANCE));
        expect(404, Http.get(notifications, "/api/notifications?leaveRequestId=" + UNKNOWN_ID, employee.token()));
        expect(200, Http.get(notifications, "/api/notifications/as-of?leaveRequestId=" + approved
                + "&asOf=2099-01-01T00:00:00Z", Ledger.COMPLIANCE));
        expect(403, Http.get(notifications, "/api/notifications/as-of?leaveRequestId=" + approved,
                employee.token()));
        expect(200, Http.get(notifications, "/admin/dead-letters?status=ALL&limit=10", Ledger.ENGINEER));
        expect(400, Http.get(notifications, "/admin/dead-letters?status=LOST", Ledger.ENGINEER));
        expect(404, Http.get(notifications, "/admin/dead-letters/" + UNKNOWN_ID, Ledger.ENGINEER));
        expect(404, Http.post(notifications, "/admin/dead-letters/" + UNKNOWN_ID + "/retry", Ledger.ENGINEER,
                null));
        expect(404, Http.delete(notifications, "/admin/dead-letters/" + UNKNOWN_ID, Ledger.ENGINEER));
        for (JsonNode retried : Http.get(notifications, "/admin/dead-letters?status=RETRIED", Ledger.ENGINEER).body()) {
            // the walk-through's retried dead letters: closed, so no longer dismissable
            expect(409, Http.delete(notifications, "/admin/dead-letters/" + retried.path("deadLetterId").asText()
                    + "?reason=done", Ledger.ENGINEER));
        }
        String processor = "/admin/processors/employee-directory/dead-letters";
        expect(200, Http.get(notifications, processor + "?limit=10&offset=0", Ledger.ENGINEER));
        expect(400, Http.get(notifications, processor + "?limit=0", Ledger.ENGINEER));
        expect(200, Http.post(notifications, processor + "/retry", Ledger.ENGINEER, null));
        expect(404, Http.get(notifications, "/admin/processors/no-such-processor/dead-letters", Ledger.ENGINEER));
    }

    private static void expect(int status, Http.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    }
}
