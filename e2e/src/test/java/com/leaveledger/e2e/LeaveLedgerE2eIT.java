package com.leaveledger.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.leaveledger.e2e.Ledger.Person;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system, one instance of each service, each its own process, driven over HTTP: a leave request from
 * command to read models, audit trail and delivered notifications and back (cancellation); a retraction; a
 * projection replay under query load; a dead-lettered notification retried by an engineer. Then the contract
 * test: every request made to a service and its answer, successes and refusals, checked against the OpenAPI
 * document the service publishes ({@link OpenApiContract}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LeaveLedgerE2eIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static LedgerSystem system;
    private static ServiceProcess commands;
    private static ServiceProcess query;
    private static ServiceProcess notifications;
    private static Ledger ledger;
    private static final OpenApiContract contract = new OpenApiContract();

    @BeforeAll
    static void startTheSystem() {
        Http.record(contract);
        system = LedgerSystem.start();
        commands = system.startCommandSide("command-side");
        query = system.startQuerySide("query-side");
        notifications = system.startNotificationSaga("notification-saga");
        LedgerSystem.awaitUp(commands, query, notifications);
        ledger = new Ledger(commands);
    }

    @AfterAll
    static void stopTheSystem() {
        Http.record(null);
        if (system != null) {
            system.close();
        }
    }

    @AfterEach
    void providersBackToNormal() {
        system.acceptAllProviderCalls();
    }

    @Test
    @Order(1)
    void aLeaveRequestFlowsFromCommandToReadModelsAuditAndNotificationsAndBackOnCancel() {
        Person manager = Person.manager("mia");
        Person employee = Person.reportingTo("eli", manager);
        ledger.registerWithLeave(manager, employee, 2031, 25);
        await("entitlement projected").atMost(PATIENCE).until(
                () -> Ledger.annualBalance(query, employee, 2031), "25.0/0.0/0.0/25.0"::equals);

        String request = ledger.submit(employee, "2031-03-03", "2031-03-07", "e2e-submit");

        await("submitted request projected").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(Ledger.status(query, employee, request)).isEqualTo("SUBMITTED");
            assertThat(Ledger.annualBalance(query, employee, 2031)).isEqualTo("25.0/0.0/5.0/20.0");
            Http.Answer pending = Http.get(query, "/api/managers/" + manager.id() + "/pending-approvals",
                    manager.token());
            assertThat(pending.body().path("items").findValuesAsText("leaveRequestId")).containsExactly(request);
        });
        assertThat(Ledger.leaveRequest(query, employee, request).path("workingDays").asText()).isEqualTo("5.0");
        await("manager told of the request").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(manager.email())).containsExactly("Name of " + employee.id()
                    + " asks for leave");
            assertThat(system.pushTo(manager.pushToken())).hasSize(1);
        });

        // the approval comes within the caller's trace: it must reach the providers (docs/adr/0042)
        String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
        ledger.approve(manager, request, "e2e-approve", "00-" + traceId + "-00f067aa0ba902b7-01");

        await("approval projected").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(Ledger.status(query, employee, request)).isEqualTo("APPROVED");
            assertThat(Ledger.annualBalance(query, employee, 2031)).isEqualTo("25.0/5.0/0.0/20.0");
        });
        await("employee told of the approval on every channel").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email())).containsExactly("Your leave was approved");
            assertThat(system.smsTo(employee.phone())).hasSize(1);
            assertThat(system.pushTo(employee.pushToken())).hasSize(1);
            assertThat(Ledger.deliveries(notifications, request))
                    .containsExactlyElementsOf(Ledger.approvedAndSent(employee, manager));
        });
        // The providers got the delivery id as idempotency key; the email carries it too.
        LoggedRequest sms = system.smsTo(employee.phone()).get(0);
        assertThat(sms.getHeader("Idempotency-Key"))
                .isEqualTo(Ledger.deliveryId(notifications, request, "LEAVE_APPROVED", employee, "SMS"));
        assertThat(LedgerSystem.header(system.mailsTo(employee.email()).get(0), "X-Idempotency-Key"))
                .isEqualTo(Ledger.deliveryId(notifications, request, "LEAVE_APPROVED", employee, "EMAIL"));
        // One trace from the approval's HTTP request through the command side, its events on Kafka and the saga to
        // every provider call of its notifications: each call a span of that trace (W3C traceparent).
        String inTrace = "00-" + traceId + "-[0-9a-f]{16}-01";
        assertThat(sms.getHeader("traceparent")).matches(inTrace);
        assertThat(system.pushTo(employee.pushToken()).get(0).getHeader("traceparent")).matches(inTrace);
        assertThat(LedgerSystem.header(system.mailsTo(employee.email()).get(0), "traceparent")).matches(inTrace);

        // The audit trail: every event of the request with its actor and the correlation id of its HTTP request.
        List<String> approvedTimeline = List.of(
                "LeaveRequestedEvent " + employee.id() + " e2e-submit",
                "DaysReservedEvent " + employee.id() + " e2e-submit",
                "LeaveApprovedEvent " + manager.id() + " e2e-approve",
                "DaysDeductedEvent " + manager.id() + " e2e-approve");
        await("audit trail").atMost(PATIENCE).until(() -> Ledger.auditTimeline(query, request),
                approvedTimeline::equals);

        ledger.cancel(employee, request, "e2e-cancel");

        await("cancellation projected, days restored").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(Ledger.status(query, employee, request)).isEqualTo("CANCELLED");
            assertThat(Ledger.annualBalance(query, employee, 2031)).isEqualTo("25.0/0.0/0.0/25.0");
        });
        await("both told of the cancellation").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email()))
                    .containsExactly("Your leave was approved", "Your leave was cancelled");
            assertThat(system.mailSubjectsTo(manager.email())).containsExactly(
                    "Name of " + employee.id() + " asks for leave",
                    "Name of " + employee.id() + "'s approved leave was cancelled");
            assertThat(Ledger.deliveries(notifications, request)).contains(
                    "LEAVE_CANCELLED " + employee.id() + " EMAIL SENT",
                    "LEAVE_CANCELLED " + employee.id() + " PUSH SENT",
                    "LEAVE_CANCELLED " + manager.id() + " EMAIL SENT",
                    "LEAVE_CANCELLED " + manager.id() + " PUSH SENT");
        });
        List<String> fullTimeline = new ArrayList<>(approvedTimeline);
        fullTimeline.addAll(List.of("LeaveCancelledEvent " + employee.id() + " e2e-cancel",
                "DaysRestoredEvent " + employee.id() + " e2e-cancel"));
        await("audit trail with the cancellation").atMost(PATIENCE).until(
                () -> Ledger.auditTimeline(query, request), fullTimeline::equals);

        // Exactly once per delivery: nothing more arrived than the notices above.
        assertThat(system.smsTo(employee.phone())).hasSize(1);
        assertThat(system.pushTo(employee.pushToken())).hasSize(2);
        assertThat(system.pushTo(manager.pushToken())).hasSize(2);

        // "What did the ledger say at T": as of the deduction, the five days were taken.
        String deductedAt = eventTime(request, "DaysDeductedEvent");
        JsonNode asOf = Http.get(query, "/api/audit/employees/" + employee.id() + "/balances?asOf=" + deductedAt,
                Ledger.COMPLIANCE).body();
        assertThat(asOf.path("balances").get(0).path("deducted").asText()).isEqualTo("5.0");
        assertThat(asOf.path("balances").get(0).path("available").asText()).isEqualTo("20.0");
    }

    @Test
    @Order(2)
    void cancellingApprovedLeaveWhileItsApprovalNoticesArePendingRetractsTheApproval() {
        Person manager = Person.manager("max");
        Person employee = Person.reportingTo("ria", manager);
        ledger.registerWithLeave(manager, employee, 2031, 25);
        // The SMS provider takes 8 s for this employee: the approval's SMS is still pending when the cancel comes.
        system.providers().stubFor(post(urlEqualTo("/sms")).atPriority(1)
                .withRequestBody(containing("\"" + employee.phone() + "\""))
                .willReturn(aResponse().withStatus(202).withFixedDelay(8_000)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"slow\"}")));
        String request = ledger.submit(employee, "2031-04-07", "2031-04-11", "e2e-retract-submit");
        await("request projected").atMost(PATIENCE).until(() -> Ledger.status(query, employee, request),
                "SUBMITTED"::equals);

        ledger.approve(manager, request, "e2e-retract-approve");
        ledger.cancel(employee, request, "e2e-retract-cancel");

        await("approval retracted").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email()))
                    .contains("Disregard the approval of your leave: it was cancelled");
            assertThat(Ledger.deliveries(notifications, request)).contains(
                    "LEAVE_APPROVED " + employee.id() + " SMS CANCELLED",
                    "APPROVAL_RETRACTED " + employee.id() + " EMAIL SENT",
                    "LEAVE_CANCELLED " + manager.id() + " EMAIL SENT");
            assertThat(Ledger.annualBalance(query, employee, 2031)).isEqualTo("25.0/0.0/0.0/25.0");
        });
        assertThat(Ledger.deliveries(notifications, request)).doesNotContain(
                "LEAVE_CANCELLED " + employee.id() + " EMAIL SENT");
    }

    @Test
    @Order(3)
    void aProjectionReplayKeepsAnsweringQueriesAndEndsWithTheSameRows() throws Exception {
        Person manager = Person.manager("meg");
        Person employee = Person.reportingTo("ted", manager);
        ledger.registerWithLeave(manager, employee, 2031, 25);
        String approved = ledger.submit(employee, "2031-05-05", "2031-05-09", "e2e-replay-1");
        ledger.approve(manager, approved, "e2e-replay-2");
        String pending = ledger.submit(employee, "2031-06-02", "2031-06-04", "e2e-replay-3");
        await("requests projected").atMost(PATIENCE).until(() -> Ledger.status(query, employee, approved) != null
                && Ledger.status(query, employee, pending) != null
                && Ledger.status(query, employee, approved).equals("APPROVED"));

        List<Map<String, Object>> requestRows = rows("select * from query_side.leave_request order by 1");
        List<Map<String, Object>> historyRows = rows("select * from query_side.leave_request_event order by 1");
        JsonNode approvedBefore = Ledger.leaveRequest(query, employee, approved);
        assertThat(requestRows).hasSizeGreaterThanOrEqualTo(4);

        Http.Answer started = Http.post(query, "/admin/projections/leave-requests/replay", Ledger.ENGINEER, null);
        assertThat(started.status()).as("replay: %s", started).isEqualTo(202);
        assertThat(started.header("Location")).isEqualTo("/admin/projections/leave-requests");
        assertThat(started.body().path("replay").path("status").asText()).isEqualTo("REBUILDING");

        List<String> answers = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        await("replay done, queries answering throughout").atMost(PATIENCE).pollInterval(Duration.ofMillis(25))
                .until(() -> {
                    answers.add(Http.get(query, "/api/leave-requests/" + approved, employee.token()).status() + " "
                            + Ledger.leaveRequest(query, employee, approved).equals(approvedBefore));
                    answers.add(Http.get(query, "/api/employees/" + employee.id() + "/leave-requests",
                            employee.token()).status() + " true");
                    Http.Answer pendingApprovals = Http.get(query, "/api/managers/" + manager.id()
                            + "/pending-approvals", manager.token());
                    answers.add(pendingApprovals.status() + " "
                            + pendingApprovals.body().path("items").findValuesAsText("leaveRequestId")
                            .equals(List.of(pending)));
                    JsonNode replay = Http.get(query, "/admin/projections/leave-requests", Ledger.ENGINEER).body()
                            .path("replay");
                    phases.add(replay.path("status").asText() + "/" + replay.path("phase").asText());
                    return replay.path("status").asText().equals("DONE");
                });

        assertThat(answers).as("answers while replaying (phases seen: %s)", phases).containsOnly("200 true");
        JsonNode projection = Http.get(query, "/admin/projections/leave-requests", Ledger.ENGINEER).body();
        assertThat(projection.path("replay").path("eventsDone").asLong())
                .isEqualTo(projection.path("topicEvents").asLong());
        // DONE is stored in the switch's transaction; the live processor starts again just after it
        await("live projection running again").atMost(PATIENCE).until(() -> Http.get(query,
                "/admin/projections/leave-requests", Ledger.ENGINEER).body().path("state").asText(), "RUNNING"::equals);
        assertThat(rows("select * from query_side.leave_request order by 1")).isEqualTo(requestRows);
        assertThat(rows("select * from query_side.leave_request_event order by 1")).isEqualTo(historyRows);

        // The rebuilt projection goes on with new events.
        ledger.approve(manager, pending, "e2e-replay-4");
        await("live again after the switch").atMost(PATIENCE).until(() -> Ledger.status(query, employee, pending),
                "APPROVED"::equals);
    }

    @Test
    @Order(4)
    void aNotificationThatCannotBeDeliveredIsDeadLetteredAndDeliveredWhenRetriedAfterTheProviderIsFixed() {
        Person manager = Person.manager("mo");
        Person employee = Person.reportingTo("dora", manager);
        ledger.registerWithLeave(manager, employee, 2031, 25);
        String request = ledger.submit(employee, "2031-07-07", "2031-07-11", "e2e-dlq-submit");
        await("request notice sent").atMost(PATIENCE).until(() -> system.mailSubjectsTo(manager.email()).size() == 1);

        // The SMS provider refuses this employee's number for good (400: no retry, fall back to email) and the
        // SMTP server is down: email and the SMS's email fallback fail after their retries.
        system.providers().stubFor(post(urlEqualTo("/sms")).atPriority(1)
                .withRequestBody(containing("\"" + employee.phone() + "\""))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"unknown subscriber\"}")));
        system.stopSmtp();
        List<JsonNode> deadLetters;
        try {
            ledger.approve(manager, request, "e2e-dlq-approve");
            await("dead-lettered").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(Ledger.deliveries(notifications, request)).contains(
                            "LEAVE_APPROVED " + employee.id() + " EMAIL DEAD_LETTERED",
                            "LEAVE_APPROVED " + employee.id() + " EMAIL DEAD_LETTERED (fallback)",
                            "LEAVE_APPROVED " + employee.id() + " SMS FALLEN_BACK",
                            "LEAVE_APPROVED " + employee.id() + " PUSH SENT"));
            deadLetters = openDeadLetters(request);
            assertThat(deadLetters).hasSize(2).allSatisfy(letter -> {
                assertThat(letter.path("kind").asText()).isEqualTo("DELIVERY");
                assertThat(letter.path("channel").asText()).isEqualTo("EMAIL");
                assertThat(letter.path("recipientId").asText()).isEqualTo(employee.id());
                assertThat(letter.path("attempts").asInt()).isEqualTo(3);
                assertThat(letter.path("cause").asText()).startsWith("smtp");
            });
            // Published to the dead-letter topic, keyed by leave request.
            await("dead letters on the DLQ topic").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(dlqRecords()).filteredOn(r -> request.equals(r.key())).extracting(r -> r.value())
                            .anySatisfy(v -> assertThat(v).contains(deadLetters.get(0).path("deadLetterId").asText()))
                            .anySatisfy(v -> assertThat(v).contains(deadLetters.get(1).path("deadLetterId").asText())));
            assertThat(Http.post(notifications, "/admin/dead-letters/" + deadLetters.get(0).path("deadLetterId")
                    .asText() + "/retry", employee.token(), null).status()).as("engineers only").isEqualTo(403);
        } finally {
            system.restartSmtp();
        }

        // The provider is fixed; an engineer retries both.
        for (JsonNode letter : deadLetters) {
            Http.Answer retry = Http.post(notifications, "/admin/dead-letters/" + letter.path("deadLetterId").asText()
                    + "/retry", Ledger.ENGINEER, null);
            assertThat(retry.status()).as("retry: %s", retry).isEqualTo(202);
        }

        await("delivered after the retry").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email())).containsExactlyInAnyOrder("Your leave was approved",
                    "Your leave was approved (we could not reach you by sms)");
            assertThat(Ledger.deliveries(notifications, request)).contains(
                    "LEAVE_APPROVED " + employee.id() + " EMAIL SENT",
                    "LEAVE_APPROVED " + employee.id() + " EMAIL SENT (fallback)");
        });
        assertThat(openDeadLetters(request)).isEmpty();
        for (JsonNode letter : deadLetters) {
            JsonNode now = Http.get(notifications, "/admin/dead-letters/" + letter.path("deadLetterId").asText(),
                    Ledger.ENGINEER).body();
            assertThat(now.path("status").asText()).isEqualTo("RETRIED");
            assertThat(now.path("resolvedBy").asText()).isEqualTo("engineer-e2e");
        }
    }

    /**
     * Issue 27: ANNUAL leave over 10 working days awaits the manager, then HR. The manager is away and has delegated
     * their approvals: the delegate approves the first level on the manager's behalf, the days stay reserved and the
     * request shows in HR's pending list; HR approves the last level and the days are deducted. Read model and audit
     * show who approved each level, as what and on whose behalf.
     */
    @Test
    @Order(5)
    void aTwoLevelRequestIsApprovedByTheManagersDelegateThenByHr() {
        Person manager = Person.manager("nora");
        Person delegate = Person.manager("dora");
        Person employee = Person.reportingTo("emil", manager);
        ledger.register(manager);
        ledger.register(delegate);
        ledger.register(employee);
        ledger.grant(employee, 2033, 30);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        Http.Answer delegated = Http.post(commands, "/api/employees/" + manager.id() + "/delegations",
                manager.token(), Map.of("delegateId", delegate.id(), "from", today.minusDays(1).toString(),
                        "to", today.plusDays(7).toString()), "X-Correlation-Id", "e2e-delegate");
        assertThat(delegated.status()).as("delegate: %s", delegated).isEqualTo(201);

        // Tue 1 – Wed 16 March 2033: eleven working days in Berlin (8 March is a holiday), so HR approves too
        String request = ledger.submit(employee, "2033-03-01", "2033-03-16", "e2e-two-level-submit");
        Http.Answer byHrFirst = Http.post(commands, "/api/leave-requests/" + request + "/approve", Ledger.HR,
                Map.of("comment", "too early"));
        assertThat(byHrFirst.status()).as("%s", byHrFirst).isEqualTo(403);
        assertThat(byHrFirst.body().path("rule").asText()).isEqualTo("not-the-manager");
        ledger.approve(delegate, request, "e2e-two-level-delegate");
        Http.Answer byManagerAgain = Http.post(commands, "/api/leave-requests/" + request + "/approve",
                manager.token(), Map.of());
        assertThat(byManagerAgain.status()).as("%s", byManagerAgain).isEqualTo(403);
        assertThat(byManagerAgain.body().path("rule").asText()).isEqualTo("not-the-approver");

        await("first level projected").atMost(PATIENCE).untilAsserted(() -> {
            JsonNode view = Ledger.leaveRequest(query, employee, request);
            assertThat(view).isNotNull();
            assertThat(view.path("status").asText()).isEqualTo("SUBMITTED");
            assertThat(view.path("awaiting").asText()).isEqualTo("HR");
            assertThat(view.path("levelsPassed")).singleElement().satisfies(level -> {
                assertThat(level.path("approvedAs").asText()).isEqualTo("MANAGER");
                assertThat(level.path("approvedBy").asText()).isEqualTo(delegate.id());
                assertThat(level.path("onBehalfOf").asText()).isEqualTo(manager.id());
            });
        });
        assertThat(Ledger.annualBalance(query, employee, 2033)).isEqualTo("30.0/0.0/11.0/19.0");
        assertThat(pendingIds(Http.get(query, "/api/hr/pending-approvals?size=100", Ledger.HR))).contains(request);
        assertThat(pendingIds(Http.get(query, "/api/managers/" + manager.id() + "/pending-approvals",
                manager.token()))).doesNotContain(request);

        Http.Answer approved = Http.post(commands, "/api/leave-requests/" + request + "/approve", Ledger.HR,
                Map.of("comment", "ok"), "X-Correlation-Id", "e2e-two-level-hr");
        assertThat(approved.status()).as("%s", approved).isEqualTo(202);
        await("approval projected").atMost(PATIENCE).until(() -> Ledger.annualBalance(query, employee, 2033),
                "30.0/11.0/0.0/19.0"::equals);
        JsonNode view = Ledger.leaveRequest(query, employee, request);
        assertThat(view.path("status").asText()).isEqualTo("APPROVED");
        assertThat(view.path("levelsPassed")).extracting(l -> l.path("approvedAs").asText() + " "
                + l.path("approvedBy").asText()).containsExactly("MANAGER " + delegate.id(), "HR hr-e2e");
        await("audited").atMost(PATIENCE).until(() -> Ledger.auditTimeline(query, request).size() == 5);
        assertThat(Ledger.auditTimeline(query, request)).contains(
                "LeaveLevelApprovedEvent " + delegate.id() + " e2e-two-level-delegate",
                "LeaveApprovedEvent hr-e2e e2e-two-level-hr");
        Http.Answer state = Http.get(query, "/api/audit/leave-requests/" + request + "/state", Ledger.COMPLIANCE);
        assertThat(state.body().path("request").path("levelsPassed").get(0).path("summary").asText())
                .isEqualTo("level 1 (MANAGER) approved by " + delegate.id() + " on behalf of " + manager.id());

        Http.Answer revoked = Http.post(commands, "/api/employees/" + manager.id() + "/delegations/"
                + delegated.body().path("delegationId").asText() + "/revocation", manager.token(), null);
        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
    }

    private static List<String> pendingIds(Http.Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.body().path("items").forEach(item -> ids.add(item.path("leaveRequestId").asText()));
        return ids;
    }

    @Test
    @Order(6)
    void everyRequestAndAnswerMatchesTheOpenApiDocumentItsServicePublishes() {
        new ContractWalkThrough(commands, query, notifications).run();

        List<OpenApiContract.Verdict> verdicts = List.of(contract.judge(commands), contract.judge(query),
                contract.judge(notifications));
        verdicts.forEach(verdict -> System.out.println("OpenAPI contract, " + OpenApiContract.describe(verdict)));
        for (ServiceProcess service : List.of(commands, query, notifications)) {
            Set<String> coverage = contract.coverage(service);
            System.out.println("OpenAPI contract, " + service.name() + " operations and statuses seen:\n  "
                    + String.join("\n  ", coverage));
            assertThat(coverage).as("every operation of %s exercised", service.name())
                    .noneMatch(line -> line.endsWith("(not exercised)"));
        }
        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.violations())
                .as(OpenApiContract.describe(verdict)).isEmpty());
    }

    /**
     * Year-end (docs/leave-policies.md): HR closes last year; the unused ANNUAL days move into this year up to the cap
     * of 5, once however often the close runs; balances and the audit timeline show it; carried days not taken by
     * 31 March lapse: in the close's own transaction when it comes after that (every month but January to March),
     * else at the next command on the account after it.
     */
    @Test
    @Order(7)
    void aYearEndCarriesUnusedDaysIntoTheNextYearOnceAndTheyLapseAfterTheirExpiry() {
        int closed = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
        int next = closed + 1;
        Person manager = Person.manager("yara");
        Person employee = Person.reportingTo("yves", manager);
        ledger.register(manager);
        ledger.register(employee);
        ledger.grant(employee, closed, 20);
        boolean expired = LocalDate.now(ZoneOffset.UTC).isAfter(LocalDate.of(next, 3, 31));

        Http.Answer close = Http.post(commands, "/admin/year-end/" + closed, Ledger.HR, null);
        assertThat(close.status()).as("close: %s", close).isEqualTo(200);
        assertThat(close.body().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(close.body().path("processed").asInt()).isEqualTo(close.body().path("total").asInt());
        Http.Answer progress = Http.get(commands, "/admin/year-end/" + closed, Ledger.HR);
        assertThat(progress.body().path("status").asText()).as("progress: %s", progress).isEqualTo("COMPLETED");
        await("carry-over projected").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(carried(employee, closed)).isEqualTo("-5.0/15.0");
            assertThat(carried(employee, next)).isEqualTo(expired ? "0.0/0.0" : "5.0/5.0");
        });

        Http.Answer again = Http.post(commands, "/admin/year-end/" + closed, Ledger.HR, null);
        assertThat(again.body().path("status").asText()).isEqualTo("COMPLETED");
        Http.Answer one = Http.post(commands, "/api/leave-accounts/" + employee.id() + "/ANNUAL/" + closed
                + "/carry-over", Ledger.HR, null);
        assertThat(one.body().path("alreadyDone").asBoolean()).as("carry-over: %s", one).isTrue();
        await("timeline").atMost(PATIENCE).untilAsserted(() -> assertThat(Http.get(query, "/api/audit/employees/"
                + employee.id(), Ledger.COMPLIANCE).body().path("items")).extracting(e -> e.path("type").asText())
                .containsOnlyOnce("BalanceCarriedForwardEvent", "CarriedOverEvent"));

        ledger.grant(employee, next, 25);
        String expected = expired ? "0.0/25.0" : "5.0/30.0";
        await("grant projected").atMost(PATIENCE).until(() -> carried(employee, next), expected::equals);
        if (expired) {
            assertThat(Http.get(query, "/api/audit/employees/" + employee.id(), Ledger.COMPLIANCE).body()
                    .path("items")).extracting(e -> e.path("type").asText()).contains("CarriedDaysExpiredEvent");
        }
        assertThat(carried(employee, closed)).isEqualTo("-5.0/15.0");
    }

    /** The ANNUAL balance's "carried/available" of a year, or "none". */
    private static String carried(Person employee, int year) {
        Http.Answer answer = Http.get(query, "/api/employees/" + employee.id() + "/balances?year=" + year,
                employee.token());
        for (JsonNode balance : answer.body().path("balances")) {
            if (balance.path("leaveType").asText().equals("ANNUAL")) {
                return balance.path("carried").asText() + "/" + balance.path("available").asText();
            }
        }
        return "none";
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static List<JsonNode> openDeadLetters(String leaveRequestId) {
        Http.Answer list = Http.get(notifications, "/admin/dead-letters?status=OPEN", Ledger.ENGINEER);
        assertThat(list.status()).as("dead letters: %s", list).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        list.body().forEach(letter -> {
            if (letter.path("leaveRequestId").asText().equals(leaveRequestId)) {
                found.add(letter);
            }
        });
        return found;
    }

    /**
     * Erasure (GDPR Art. 17, docs/runbooks/erasure-requests.md): afterwards the employee's name, addresses and
     * reasons are found nowhere — no table of any service, no record of either topic, no export, no log line — the
     * ledger still verifies, balances are what they were (also rebuilt), and a colleague reads unchanged.
     */
    @Test
    @Order(5)
    void anErasedEmployeesPersonalDataIsFoundNowhereAndTheLedgerStillVerifies() {
        Person manager = Person.manager("max");
        Person employee = Person.reportingTo("ida", manager);
        Person colleague = Person.reportingTo("ben", manager);
        ledger.register(manager);
        ledger.register(employee);
        ledger.register(colleague);
        ledger.grant(employee, 2032, 25);
        String reason = "oncology appointment of " + employee.id();
        String request = ledger.submit(employee, "2032-03-01", "2032-03-03", "e2e-erasure-submit", reason);
        ledger.approve(manager, request, "e2e-erasure-approve");
        await("employee told of the approval").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(system.mailSubjectsTo(employee.email())).containsExactly("Your leave was approved");
            assertThat(system.smsTo(employee.phone())).hasSize(1);
            assertThat(system.pushTo(employee.pushToken())).hasSize(1);
        });
        String balance = "25.0/3.0/0.0/22.0";
        await("approval projected").atMost(PATIENCE).until(() -> Ledger.annualBalance(query, employee, 2032),
                balance::equals);
        List<String> plaintexts = List.of("Name of " + employee.id(), employee.email(), employee.phone(),
                employee.pushToken(), reason);
        assertThat(Plaintext.database()).as("encrypted in the event store, plaintext in read models")
                .contains("enc:v1:" + employee.id() + ":", "Name of " + employee.id());

        Http.Answer erased = Http.post(commands, "/api/employees/" + employee.id() + "/erasure", Ledger.HR,
                Map.of("legalBasis", "CONSENT_WITHDRAWN", "reason", "HR-e2e-1"));
        assertThat(erased.status()).as("erasure: %s", erased).isEqualTo(204);

        await("no plaintext left in any service's tables").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    String stored = Plaintext.database();
                    plaintexts.forEach(p -> assertThat(stored).doesNotContain(p));
                });
        assertThat(Http.get(commands, "/api/audit/integrity", Ledger.COMPLIANCE).body().path("status").asText())
                .isEqualTo("VERIFIED");
        String topics = Plaintext.topic(system.kafkaBootstrap(), LedgerSystem.EVENTS_TOPIC)
                + Plaintext.topic(system.kafkaBootstrap(), LedgerSystem.DLQ_TOPIC);
        String exports = Http.getText(query, "/api/audit/export?format=ndjson", Ledger.COMPLIANCE)
                + Http.getText(query, "/api/audit/export?format=csv", Ledger.COMPLIANCE);
        String logs = Plaintext.logs();
        plaintexts.forEach(p -> {
            assertThat(topics).as("the topics").doesNotContain(p);
            assertThat(exports).as("the audit exports").doesNotContain(p);
            assertThat(logs).as("the logs").doesNotContain(p);
        });
        assertThat(exports).contains("Name of " + colleague.id(), "[erased]");

        JsonNode timeline = Http.get(query, "/api/audit/employees/" + employee.id(), Ledger.COMPLIANCE).body();
        assertThat(timeline.path("items").get(0).path("payload").path("name").asText()).isEqualTo("[erased]");
        assertThat(timeline.toString()).contains("SubjectErasedEvent", "CONSENT_WITHDRAWN");
        assertThat(Http.get(query, "/api/audit/leave-requests/" + request + "/state?asOf=" + Instant.now(),
                Ledger.COMPLIANCE).status()).isEqualTo(200);
        assertThat(Ledger.annualBalance(query, employee, 2032)).isEqualTo(balance);
        assertThat(Http.post(commands, "/api/leave-requests", employee.token(), Map.of("employeeId", employee.id(),
                "leaveType", "ANNUAL", "startDate", "2032-04-05", "endDate", "2032-04-06")).body().path("rule")
                .asText()).isEqualTo("employee-erased");

        Http.Answer replay = Http.post(query, "/admin/projections/balances/replay", Ledger.ENGINEER, null);
        assertThat(replay.status()).as("replay: %s", replay).isEqualTo(202);
        await("balances rebuilt").atMost(PATIENCE).until(() -> Http.get(query, "/admin/projections/balances",
                Ledger.ENGINEER).body().path("replay").path("status").asText().equals("DONE"));
        assertThat(Ledger.annualBalance(query, employee, 2032)).as("balances replay identically").isEqualTo(balance);
    }

    private static List<ConsumerRecord<String, String>> dlqRecords() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(LedgerSystem.DLQ_TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await("DLQ topic read").atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    private static String eventTime(String leaveRequestId, String type) {
        for (JsonNode event : Http.get(query, "/api/audit/leave-requests/" + leaveRequestId, Ledger.COMPLIANCE).body()
                .path("events")) {
            if (event.path("type").asText().equals(type)) {
                return event.path("occurredAt").asText();
            }
        }
        throw new AssertionError("no " + type + " in the audit trail of " + leaveRequestId);
    }

    private static List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = LedgerSystem.database(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnName(i), String.valueOf(result.getObject(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
