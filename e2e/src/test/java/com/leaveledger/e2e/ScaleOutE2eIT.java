package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.e2e.Ledger.Person;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Scale-out (BRIEF §9): two instances of query-side and two of notification-saga on one PostgreSQL and one Kafka.
 * They split the processors' segments (token claims in each service's {@code token_entry}), every event is handled
 * once, and when an instance goes away — a clean stop of one query side, a SIGKILL of one notification saga — the
 * other takes over its segments and the flow goes on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutE2eIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** query-side: four projections of one segment each; notification-saga: inbox 1, directory 1, saga 8. */
    private static final int QUERY_SEGMENTS = 4;
    private static final int NOTIFICATION_SEGMENTS = 10;

    private static LedgerSystem system;
    private static ServiceProcess commands;
    private static ServiceProcess queryA;
    private static ServiceProcess queryB;
    private static ServiceProcess notificationsA;
    private static ServiceProcess notificationsB;
    private static Ledger ledger;
    private static Person manager;

    @BeforeAll
    static void startTwoInstancesOfEachConsumer() {
        system = LedgerSystem.start();
        commands = system.startCommandSide("scale-command-side");
        queryA = system.startQuerySide("scale-query-side-a");
        queryB = system.startQuerySide("scale-query-side-b");
        notificationsA = system.startNotificationSaga("scale-notification-saga-a");
        notificationsB = system.startNotificationSaga("scale-notification-saga-b");
        LedgerSystem.awaitUp(commands, queryA, queryB, notificationsA, notificationsB);
        ledger = new Ledger(commands);
        manager = Person.manager("sam");
        ledger.register(manager);
    }

    @AfterAll
    static void stopEverything() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void twoInstancesSplitTheSegmentsAndEveryEventIsHandledOnce() throws SQLException {
        Map<String, Integer> queryOwners = await("query-side segments split").atMost(PATIENCE)
                .until(() -> owners("query_side"), o -> o.equals(Map.of(queryA.name(), 2, queryB.name(), 2)));
        Map<String, Integer> notificationOwners = await("notification-saga segments split").atMost(PATIENCE)
                .until(() -> owners("notification_saga"),
                        o -> o.equals(Map.of(notificationsA.name(), 5, notificationsB.name(), 5)));
        System.out.printf("segments: query_side %s, notification_saga %s%n", queryOwners, notificationOwners);
        System.out.printf("claims: %s%n", claims("query_side"));
        System.out.printf("claims: %s%n", claims("notification_saga"));

        // Each query-side instance reports the owners of every projection's segments and what it holds itself.
        for (ServiceProcess instance : List.of(queryA, queryB)) {
            JsonNode projections = Http.get(instance, "/admin/projections", Ledger.ENGINEER).body();
            int claimedHere = 0;
            for (JsonNode projection : projections) {
                assertThat(projection.path("instance").asText()).isEqualTo(instance.name());
                assertThat(projection.path("state").asText()).isEqualTo("RUNNING");
                assertThat(projection.path("owners").path("0").asText())
                        .isEqualTo(claims("query_side").get(projection.path("name").asText() + "/0"));
                claimedHere += projection.path("segmentsClaimedHere").asInt();
            }
            assertThat(claimedHere).as("segments claimed by " + instance.name()).isEqualTo(2);
        }

        List<Person> team = submitApproveCancel(4, "2031-03-03", "2031-03-07", queryA, notificationsA);

        // Read models complete and right on both instances (one database, either instance answers).
        for (Person employee : team) {
            for (ServiceProcess instance : List.of(queryA, queryB)) {
                assertThat(Ledger.annualBalance(instance, employee, 2031)).isEqualTo("25.0/0.0/0.0/25.0");
            }
        }
        assertEveryEventHandledOnce(team);
    }

    @Test
    @Order(2)
    void whenAnInstanceGoesAwayTheOtherTakesOverItsSegmentsAndTheFlowGoesOn() throws SQLException {
        await("no delivery open before the crash").atMost(PATIENCE).until(
                () -> count("select count(*) from notification_saga.delivery where status in ('PENDING', 'RETRYING')")
                        == 0);

        queryA.stop();           // SIGTERM: releases its claims at once
        notificationsA.kill();   // SIGKILL: its claims stay until they time out (10 s)

        await("query-side B owns every segment").atMost(PATIENCE).until(() -> owners("query_side"),
                Map.of(queryB.name(), QUERY_SEGMENTS)::equals);
        await("notification-saga B owns every segment").atMost(PATIENCE).until(() -> owners("notification_saga"),
                Map.of(notificationsB.name(), NOTIFICATION_SEGMENTS)::equals);
        JsonNode projections = Http.get(queryB, "/admin/projections", Ledger.ENGINEER).body();
        for (JsonNode projection : projections) {
            assertThat(projection.path("segmentsClaimedHere").asInt()).as(projection.path("name").asText())
                    .isEqualTo(1);
        }
        assertThat(count("select count(*) from query_side.processor_instance")).as("a clean stop deregisters")
                .isEqualTo(1);

        List<Person> team = submitApproveCancel(2, "2031-09-01", "2031-09-05", queryB, notificationsB);

        for (Person employee : team) {
            assertThat(Ledger.annualBalance(queryB, employee, 2031)).isEqualTo("25.0/0.0/0.0/25.0");
        }
        assertEveryEventHandledOnce(team);
    }

    /**
     * The flow of {@link LeaveLedgerE2eIT} for a team: employees reporting to the manager are registered and granted
     * days, submit, are approved (waiting until every notice is delivered), then cancel (idem).
     */
    private static List<Person> submitApproveCancel(int size, String from, String to, ServiceProcess query,
                                                    ServiceProcess notifications) {
        List<Person> team = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Person employee = Person.reportingTo("member" + i, manager);
            ledger.register(employee);
            ledger.grant(employee, 2031, 25);
            team.add(employee);
        }
        List<String> requests = new ArrayList<>();
        for (Person employee : team) {
            requests.add(ledger.submit(employee, from, to, "scale-submit-" + employee.id()));
        }
        for (int i = 0; i < team.size(); i++) {
            Person employee = team.get(i);
            String request = requests.get(i);
            await("request projected").atMost(PATIENCE).until(() -> Ledger.status(query, employee, request),
                    "SUBMITTED"::equals);
            ledger.approve(manager, request, "scale-approve-" + employee.id());
        }
        for (int i = 0; i < team.size(); i++) {
            Person employee = team.get(i);
            String request = requests.get(i);
            List<String> approved = Ledger.approvedAndSent(employee, manager);
            await("approved and notified").atMost(PATIENCE).untilAsserted(() -> {
                assertThat(Ledger.status(query, employee, request)).isEqualTo("APPROVED");
                assertThat(Ledger.deliveries(notifications, request)).containsExactlyElementsOf(approved);
            });
            ledger.cancel(employee, request, "scale-cancel-" + employee.id());
        }
        for (int i = 0; i < team.size(); i++) {
            Person employee = team.get(i);
            String request = requests.get(i);
            await("cancelled and notified").atMost(PATIENCE).untilAsserted(() -> {
                assertThat(Ledger.status(query, employee, request)).isEqualTo("CANCELLED");
                List<String> deliveries = Ledger.deliveries(notifications, request);
                assertThat(deliveries).hasSize(13)
                        .containsAll(Ledger.sent("LEAVE_CANCELLED", employee, "EMAIL", "PUSH", "AUDIT"))
                        .containsAll(Ledger.sent("LEAVE_CANCELLED", manager, "EMAIL", "PUSH", "AUDIT"));
            });
        }
        return team;
    }

    /**
     * Exactly once: per employee one approval and one cancellation email, one SMS, two pushes; per employee one request
     * and one cancellation email to the manager; every event of the ledger once in the audit log.
     */
    private static void assertEveryEventHandledOnce(List<Person> team) throws SQLException {
        for (Person employee : team) {
            assertThat(system.mailSubjectsTo(employee.email()))
                    .containsExactly("Your leave was approved", "Your leave was cancelled");
            assertThat(system.smsTo(employee.phone())).hasSize(1);
            assertThat(system.pushTo(employee.pushToken())).hasSize(2);
            assertThat(system.mailSubjectsTo(manager.email())).filteredOn(subject -> subject.contains(employee.id()))
                    .containsExactly("Name of " + employee.id() + " asks for leave",
                            "Name of " + employee.id() + "'s approved leave was cancelled");
        }
        await("audit log complete").atMost(PATIENCE).until(
                () -> count("select count(*) from query_side.audit_event")
                        == count("select count(*) from command_side.domain_event_entry"));
        assertThat(count("select count(*) from (select event_id from query_side.audit_event group by event_id "
                + "having count(*) > 1) twice")).isZero();
    }

    /** How many segments of the service's processors each instance claims (unclaimed ones under "-"). */
    private static Map<String, Integer> owners(String schema) throws SQLException {
        Map<String, Integer> owners = new TreeMap<>();
        claims(schema).values().forEach(owner -> owners.merge(owner, 1, Integer::sum));
        return owners;
    }

    /** "processor/segment" → owner, from the service's token_entry (the replay processors' rows aside). */
    private static Map<String, String> claims(String schema) throws SQLException {
        Map<String, String> claims = new TreeMap<>();
        try (Connection connection = LedgerSystem.database();
             PreparedStatement statement = connection.prepareStatement("select processor_name, segment, owner from "
                     + schema + ".token_entry where processor_name not like '%-replay'");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String owner = rows.getString("owner");
                claims.put(rows.getString("processor_name") + "/" + rows.getInt("segment"), owner == null ? "-" : owner);
            }
        }
        return claims;
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = LedgerSystem.database();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
