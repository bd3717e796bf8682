package com.leaveledger.command.it;

import com.leaveledger.support.testing.Scrape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class CommandApiIT extends CommandSideIT {

    @Test
    void submitApproveAndCancelOverHttp() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2031, 25);

        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Correlation-Id", run + "-corr");
        ResponseEntity<JsonNode> submitted = post("/api/leave-requests", token(employee, "EMPLOYEE"),
                Map.of("employeeId", employee, "leaveType", "ANNUAL", "startDate", "2031-03-03",
                        "endDate", "2031-03-07", "reason", "skiing"), headers);
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(submitted.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(run + "-corr");
        String requestId = submitted.getBody().get("leaveRequestId").asText();
        assertThat(submitted.getHeaders().getLocation()).hasToString("/api/leave-requests/" + requestId);

        assertThat(post("/api/leave-requests/" + requestId + "/approve", token(manager, "EMPLOYEE", "MANAGER"),
                Map.of("comment", "enjoy")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(post("/api/leave-requests/" + requestId + "/cancel", token(employee, "EMPLOYEE"),
                Map.of("reason", "plans changed")).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(eventTypes(requestId)).containsExactly("LeaveRequestedEvent", "LeaveApprovedEvent",
                "LeaveCancelledEvent");
        assertThat(eventTypes(employee + ":ANNUAL:2031")).containsExactly("EntitlementGrantedEvent",
                "DaysReservedEvent", "DaysDeductedEvent", "DaysRestoredEvent");
        String metaData = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, requestId);
        assertThat(metaData).contains("\"correlationId\":\"" + run + "-corr\"", "\"actor\":\"" + employee + "\"",
                "\"causationId\"");
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, requestId);
        assertThat(payload).contains("\"workingDays\":5.0");
    }

    @Test
    void twoLevelApprovalWithADelegateOverHttp() {
        String manager = id("m"), employee = id("e"), delegate = id("d");
        registerTeam(manager, employee, delegate);
        grant(employee, "PARENTAL", 2031, 60);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, String> period = Map.of("delegateId", delegate, "from", today.minusDays(1).toString(),
                "to", today.plusDays(10).toString());

        expectProblem(post("/api/employees/" + manager + "/delegations", token(delegate, "MANAGER"), period), 403,
                "not-that-manager");
        expectProblem(post("/api/employees/" + manager + "/delegations", token(manager, "MANAGER"),
                Map.of("delegateId", manager, "from", today.toString(), "to", today.toString())), 422, "own-delegate");
        ResponseEntity<JsonNode> delegated = post("/api/employees/" + manager + "/delegations",
                token(manager, "EMPLOYEE", "MANAGER"), period);
        assertThat(delegated.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String delegationId = delegated.getBody().get("delegationId").asText();
        assertThat(delegated.getHeaders().getLocation())
                .hasToString("/api/employees/" + manager + "/delegations/" + delegationId);

        String requestId = submit(employee, "PARENTAL", "2031-03-03", "2031-03-07").getBody()
                .get("leaveRequestId").asText();
        expectProblem(post("/api/leave-requests/" + requestId + "/approve", token(hr, "HR"), Map.of()), 403,
                "not-the-manager");
        assertThat(post("/api/leave-requests/" + requestId + "/approve", token(delegate, "EMPLOYEE"),
                Map.of("comment", "for " + manager)).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        expectProblem(post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"), Map.of()),
                403, "not-the-approver");
        assertThat(post("/api/leave-requests/" + requestId + "/approve", token(hr, "HR"), Map.of("comment", "ok"))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        assertThat(eventTypes(requestId)).containsExactly("LeaveRequestedEvent", "LeaveLevelApprovedEvent",
                "LeaveApprovedEvent");
        assertThat(eventTypes(employee + ":PARENTAL:2031")).containsExactly("EntitlementGrantedEvent",
                "DaysReservedEvent", "DaysDeductedEvent");
        String level = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", String.class, requestId);
        assertThat(level).contains("\"approvedBy\":\"" + delegate + "\"", "\"onBehalfOf\":\"" + manager + "\"",
                "\"nextApprover\":\"HR\"");

        assertThat(post("/api/employees/" + manager + "/delegations/" + delegationId + "/revocation",
                token(hr, "HR"), null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        expectProblem(post("/api/employees/" + manager + "/delegations/" + delegationId + "/revocation",
                token(manager, "MANAGER"), null), 404, "delegation-not-found");
        assertThat(eventTypes(manager)).containsExactly("EmployeeRegisteredEvent", "ApprovalsDelegatedEvent",
                "DelegationRevokedEvent");
    }

    @Test
    void refusalsAreProblemDetailsNamingTheRuleAndChangeNothing() {
        String manager = id("m"), employee = id("e"), other = id("o");
        registerTeam(manager, employee, other);
        grant(employee, "ANNUAL", 2031, 3);
        String eToken = token(employee, "EMPLOYEE");
        int before = eventCount(run + "%");
        Scrape metricsBefore = metrics();

        expectProblem(post("/api/leave-requests", eToken, Map.of("employeeId", employee)), 400, "invalid-request");
        expectProblem(http.exchange("/api/leave-requests", HttpMethod.POST, new org.springframework.http.HttpEntity<>(
                "{\"employeeId\":", jsonHeaders(eToken)), JsonNode.class), 400, "malformed-request");
        expectProblem(post("/api/leave-accounts/" + employee + "/HOLIDAY/2031/entitlements", token(hr, "HR"),
                Map.of("days", 3)), 400, "invalid-request");
        expectProblem(post("/api/leave-requests", null, Map.of()), 401, "unauthenticated");
        expectProblem(post("/api/leave-requests", eToken.substring(0, eToken.length() - 4) + "AAAA", Map.of()),
                401, "unauthenticated");
        expectProblem(post("/api/employees", eToken, employee(id("x"), null)), 403, "missing-role");
        expectProblem(submit(other, "ANNUAL", "2031-03-03", "2031-03-04"), 422, "insufficient-balance");
        expectProblem(post("/api/leave-requests", token(other, "EMPLOYEE"), Map.of("employeeId", employee,
                "leaveType", "ANNUAL", "startDate", "2031-03-03", "endDate", "2031-03-04")), 403, "not-the-owner");
        expectProblem(post("/api/leave-requests/00000000-0000-0000-0000-00000000dead/approve",
                token(manager, "MANAGER"), Map.of()), 404, "leave-request-not-found");
        expectProblem(submit(employee, "ANNUAL", "2031-03-03", "2031-03-10"), 422, "insufficient-balance");
        expectProblem(submit(employee, "ANNUAL", "2031-03-08", "2031-03-09"), 422, "no-working-days");
        expectProblem(post("/api/employees", token(hr, "HR"), employee(employee, manager)), 409,
                "employee-already-registered");
        assertThat(eventCount(run + "%")).as("events after refused commands").isEqualTo(before);

        String requestId = submit(employee, "ANNUAL", "2031-03-03", "2031-03-04").getBody()
                .get("leaveRequestId").asText();
        expectProblem(submit(employee, "UNPAID", "2031-03-04", "2031-03-05"), 409, "overlapping-request");
        expectProblem(post("/api/leave-requests/" + requestId + "/approve", token(other, "MANAGER"), Map.of()),
                403, "not-the-manager");
        expectProblem(post("/api/leave-requests/" + requestId + "/reject", token(manager, "MANAGER"),
                Map.of("reason", "")), 400, "invalid-request");

        // Counted on the command bus, by command type and by the rule the answer names; refusals decided before
        // the bus (token, role, validation, the controller's own checks) are not commands handled.
        Scrape metricsAfter = metrics();
        java.util.function.Function<String, Double> refusedDelta = rule ->
                metricsAfter.value("ledger_commands_refused_total", "rule", rule)
                        - metricsBefore.value("ledger_commands_refused_total", "rule", rule);
        assertThat(refusedDelta.apply("insufficient-balance")).isEqualTo(2.0);
        assertThat(refusedDelta.apply("no-working-days")).isEqualTo(1.0);
        assertThat(refusedDelta.apply("overlapping-request")).isEqualTo(1.0);
        assertThat(refusedDelta.apply("not-the-manager")).isEqualTo(1.0);
        assertThat(refusedDelta.apply("leave-request-not-found")).isEqualTo(1.0);
        assertThat(refusedDelta.apply("employee-already-registered")).isEqualTo(1.0);
        assertThat(refusedDelta.apply("not-the-owner")).isZero();
        assertThat(metricsAfter.matching("ledger_commands_refused_total", "command", "SubmitLeaveCommand",
                "rule", "insufficient-balance", "kind", "UNPROCESSABLE")).singleElement()
                .satisfies(series -> assertThat(series.labels()).containsEntry("application", "command-side"));
        assertThat(metricsAfter.value("ledger_commands_handled_total", "command", "SubmitLeaveCommand",
                "outcome", "refused") - metricsBefore.value("ledger_commands_handled_total",
                "command", "SubmitLeaveCommand", "outcome", "refused")).isEqualTo(4.0);
        assertThat(metricsAfter.value("ledger_commands_handled_total", "command", "SubmitLeaveCommand",
                "outcome", "accepted") - metricsBefore.value("ledger_commands_handled_total",
                "command", "SubmitLeaveCommand", "outcome", "accepted")).isEqualTo(1.0);
    }

    @Test
    void workingDaysAreCountedBeforeSubmittingAsTheSubmitCountsThem() {
        String manager = id("m"), employee = id("e"), other = id("o"), otherManager = id("n");
        registerTeam(manager, employee);
        registerTeam(otherManager, other);
        grant(employee, "ANNUAL", 2031, 25);
        grant(employee, "ANNUAL", 2032, 25);
        // Mon 29 December 2031 – Fri 2 January 2032, New Year's Day off, the last day a half day
        String period = "/api/working-days?employeeId=" + employee + "&startDate=2031-12-29&endDate=2032-01-02";
        int before = eventCount(run + "%");

        ResponseEntity<JsonNode> preview = get(period + "&halfDayEnd=true", token(employee, "EMPLOYEE"));
        assertThat(preview.getStatusCode().value()).as(String.valueOf(preview.getBody())).isEqualTo(200);
        assertThat(preview.getBody().get("workingDays").decimalValue()).isEqualByComparingTo("3.5");
        JsonNode shares = preview.getBody().get("shares");
        assertThat(shares).hasSize(2);
        assertThat(shares.get(0).get("year").asInt()).isEqualTo(2031);
        assertThat(shares.get(0).get("days").decimalValue()).isEqualByComparingTo("3");
        assertThat(shares.get(1).get("year").asInt()).isEqualTo(2032);
        assertThat(shares.get(1).get("days").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(get(period, token(manager, "EMPLOYEE", "MANAGER")).getBody().get("workingDays").decimalValue())
                .isEqualByComparingTo("4.0");
        assertThat(get(period, token(hr, "HR")).getStatusCode().value()).isEqualTo(200);
        assertThat(eventCount(run + "%")).as("a preview records nothing").isEqualTo(before);

        String requestId = post("/api/leave-requests", token(employee, "EMPLOYEE"), Map.of("employeeId", employee,
                "leaveType", "ANNUAL", "startDate", "2031-12-29", "endDate", "2032-01-02", "halfDayEnd", true))
                .getBody().get("leaveRequestId").asText();
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, requestId);
        assertThat(payload).contains("\"workingDays\":3.5");

        String weekend = "/api/working-days?employeeId=" + employee + "&startDate=2031-03-08&endDate=2031-03-09";
        expectProblem(get(weekend, token(employee, "EMPLOYEE")), 422, "no-working-days");
        expectProblem(get("/api/working-days?employeeId=" + employee + "&startDate=2031-03-09&endDate=2031-03-08",
                token(employee, "EMPLOYEE")), 400, "invalid-period");
        expectProblem(get("/api/working-days?employeeId=" + employee + "&startDate=2031-03-09&endDate=2031-03-09"
                + "&halfDayStart=true&halfDayEnd=true", token(employee, "EMPLOYEE")), 400, "invalid-half-day");
        expectProblem(get("/api/working-days?employeeId=" + employee + "&startDate=1999-03-09&endDate=2031-03-09",
                token(employee, "EMPLOYEE")), 400, "invalid-request");
        expectProblem(get("/api/working-days?employeeId=a%20b&startDate=2031-03-09&endDate=2031-03-09",
                token(hr, "HR")), 400, "invalid-request");
        expectProblem(get("/api/working-days?employeeId=" + employee + "&startDate=2031-03-09", token(hr, "HR")),
                400, "invalid-request");
        expectProblem(get("/api/working-days?employeeId=" + id("nobody") + "&startDate=2031-03-09&endDate=2031-03-09",
                token(hr, "HR")), 404, "employee-not-found");
        expectProblem(get(period, token(other, "EMPLOYEE")), 403, "not-the-owner");
        expectProblem(get(period, token(otherManager, "EMPLOYEE", "MANAGER")), 403, "not-your-report");
        expectProblem(get(period, null), 401, "unauthenticated");
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(headers), JsonNode.class);
    }

    @Test
    void aRetriedCommandWithTheSameIdempotencyKeyGetsTheSameAnswerAndNoSecondEvent() throws Exception {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2031, 25);
        Map<String, Object> body = Map.of("employeeId", employee, "leaveType", "ANNUAL",
                "startDate", "2031-05-05", "endDate", "2031-05-06");
        HttpHeaders headers = new HttpHeaders();
        headers.set("Idempotency-Key", run + "-key-1");

        ResponseEntity<JsonNode> first = post("/api/leave-requests", token(employee, "EMPLOYEE"), body, copy(headers));
        ResponseEntity<JsonNode> retry = post("/api/leave-requests", token(employee, "EMPLOYEE"), body, copy(headers));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(eventTypes(employee + ":ANNUAL:2031")).containsExactly("EntitlementGrantedEvent", "DaysReservedEvent");

        expectProblem(post("/api/leave-requests", token(employee, "EMPLOYEE"), Map.of("employeeId", employee,
                "leaveType", "ANNUAL", "startDate", "2031-06-02", "endDate", "2031-06-03"), copy(headers)),
                422, "idempotency-key-reused");

        HttpHeaders concurrentKey = new HttpHeaders();
        concurrentKey.set("Idempotency-Key", run + "-key-2");
        Map<String, Object> other = Map.of("employeeId", employee, "leaveType", "ANNUAL",
                "startDate", "2031-07-07", "endDate", "2031-07-07");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<ResponseEntity<JsonNode>>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Callable<ResponseEntity<JsonNode>> call = () -> post("/api/leave-requests", token(employee, "EMPLOYEE"),
                    other, copy(concurrentKey));
            answers.add(pool.submit(call));
        }
        List<JsonNode> bodies = new ArrayList<>();
        for (Future<ResponseEntity<JsonNode>> answer : answers) {
            assertThat(answer.get().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            bodies.add(answer.get().getBody());
        }
        pool.shutdown();
        assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
        assertThat(eventTypes(employee + ":ANNUAL:2031")).containsExactly("EntitlementGrantedEvent",
                "DaysReservedEvent", "DaysReservedEvent");
    }

    /**
     * An account whose history still holds a revision-1 grant (stored before revision 2 existed) keeps working. The
     * row gets the current time: the publisher reads an event older than Axon's gap time-out (1 min) as "no gaps
     * below it", so an old timestamp makes it skip whatever is still in flight below the row's index (with the
     * pooled sequence of the JPA event store that was this JVM's next events: ledger_publisher_missed_events_total
     * caught it).
     */
    @Test
    void anAccountWithARevisionOneGrantInItsHistoryStillBalances() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        String account = employee + ":ANNUAL:2031";
        jdbc.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
                values (nextval('domain_event_entry_seq'), ?, 0, 'LeaveAccount', ?,
                    'com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent', '1', convert_to(?, 'UTF8'),
                    convert_to('{}', 'UTF8'), to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))""",
                account, java.util.UUID.randomUUID().toString(),
                "{\"accountId\":\"" + account + "\",\"days\":3.0,\"reason\":\"granted in revision 1\"}");

        assertThat(submit(employee, "ANNUAL", "2031-03-03", "2031-03-05").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> tooMuch = submit(employee, "ANNUAL", "2031-03-10", "2031-03-10");
        assertThat(tooMuch.getStatusCode().value()).isEqualTo(422);
        assertThat(eventTypes(account)).containsExactly("EntitlementGrantedEvent", "DaysReservedEvent");
    }

    @Test
    void idempotencyKeysAreForgottenAfterTheRetention(
            @org.springframework.beans.factory.annotation.Autowired
            com.leaveledger.command.infra.IdempotencyKeyRetention retention) {
        jdbc.update("insert into command_idempotency (actor, idempotency_key, fingerprint, command_type, created_at) "
                + "values (?, 'old', 'f', 'x', now() - interval '8 days'), (?, 'recent', 'f', 'x', now())", run, run);
        retention.purge();
        assertThat(jdbc.queryForList("select idempotency_key from command_idempotency where actor = ?", String.class,
                run)).containsExactly("recent");
    }

    @Test
    void publishesOpenApi() {
        ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody().get("paths").fieldNames()).toIterable().contains("/api/employees",
                "/api/leave-requests", "/api/leave-requests/{id}/approve", "/api/leave-requests/{id}/reject",
                "/api/leave-requests/{id}/cancel", "/api/leave-accounts/{employeeId}/{leaveType}/{year}/entitlements",
                "/api/leave-accounts/{employeeId}/{leaveType}/{year}/adjustments", "/api/employees/{id}/delegations",
                "/api/employees/{id}/delegations/{delegationId}/revocation");
        // the real statuses and the refusals with their rules (docs/api.md#the-openapi-contract)
        JsonNode submit = docs.getBody().path("paths").path("/api/leave-requests").path("post").path("responses");
        assertThat(submit.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("202", "400", "401", "403", "404", "409", "413", "415", "422");
        assertThat(submit.path("409").path("content").path("application/problem+json").path("examples")
                .fieldNames()).toIterable().containsExactly("overlapping-request", "concurrent-modification",
                        "employee-erased");
        assertThat(docs.getBody().path("paths").path("/api/employees").path("post").path("responses").has("201"))
                .isTrue();
    }

    @Test
    void requestsTomcatRefusesBeforeSpringAreProblemDetailsToo() throws IOException {
        // HTTP clients refuse to send these, so the requests go over a plain socket
        for (String header : List.of("X-Note: a\u0001b", "X-Note: a\u007fb", "X Note: ab")) {
            String answer = rawExchange("POST /api/leave-requests HTTP/1.1\r\nHost: localhost\r\n" + header
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
            JsonNode body = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(head).as(header).startsWith("HTTP/1.1 400").containsIgnoringCase(
                    "Content-Type: application/problem+json");
            assertThat(body.get("rule").asText()).isEqualTo("malformed-request");
            assertThat(body.get("type").asText()).isEqualTo("urn:leave-ledger:problem:malformed-request");
            assertThat(body.get("status").asInt()).isEqualTo(400);
        }
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpHeaders copy(HttpHeaders headers) {
        HttpHeaders copy = new HttpHeaders();
        copy.putAll(headers);
        return copy;
    }

    private static HttpHeaders jsonHeaders(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return headers;
    }

    /** A problem answer that repeats its status in the body too. */
    private static void expectProblem(ResponseEntity<JsonNode> answer, int status, String rule) {
        assertProblem(answer, status, rule);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(status);
    }
}
