package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.leaveledger.e2e.Ledger.Person;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BRIEF §10's reliability drill, on one machine: while employees submit leave and their managers approve it, the SMS
 * and push providers answer 30% of calls 503, and every moving part is killed once, mid-stream, with SIGKILL —
 * notification-saga, the Kafka broker (then started again on its data), query-side and command-side (clients retry
 * with their Idempotency-Key, as the API asks them to). Then nothing may be missing and nothing doubled: every event
 * of the store is in the read models once, every request is approved there, every notice the saga owed exists once
 * and ended sent, fallen back or dead-lettered, and every delivery the saga recorded as sent is one a provider
 * accepted, under its own idempotency key. A provider may also hold a delivery the saga left open when it was killed
 * and whose every resend the provider then refused (ADR 0022); no other.
 */
class CrashE2eIT {

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final int EMPLOYEES = 30;
    /** Three years of 25 days, five days a request. */
    private static final int FLOWS_PER_EMPLOYEE = 15;

    private static LedgerSystem system;
    private static final AtomicReference<ServiceProcess> commands = new AtomicReference<>();
    private static ServiceProcess query;
    private static ServiceProcess notifications;

    @BeforeAll
    static void startTheSystem() {
        system = LedgerSystem.startWithBrokerProcess();
        commands.set(system.startCommandSide("crash-command-side"));
        query = system.startQuerySide("crash-query-side");
        // A killed instance's deliveries are resumed once its lease runs out: 15 s here instead of 5 min.
        notifications = system.startNotificationSaga("crash-notification-saga",
                "--ledger.notifications.lease=15s", "--ledger.notifications.recovery-interval=2s");
        LedgerSystem.awaitUp(commands.get(), query, notifications);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void nothingIsLostAndNothingSentTwiceWhenEveryPartIsKilledMidStream() throws Exception {
        Ledger ledger = new Ledger(commands.get());
        List<Person> managers = List.of(Person.manager("crash-boss-a"), Person.manager("crash-boss-b"),
                Person.manager("crash-boss-c"));
        List<Person> team = new ArrayList<>();
        managers.forEach(ledger::register);
        for (int i = 0; i < EMPLOYEES; i++) {
            Person employee = Person.reportingTo("crash-member" + i, managers.get(i % managers.size()));
            ledger.register(employee);
            for (int year = 2031; year < 2031 + FLOWS_PER_EMPLOYEE / 5; year++) {
                ledger.grant(employee, year, 25);
            }
            team.add(employee);
        }
        system.failProviderCalls(0.3);

        Load load = new Load(team, managers);
        load.start();
        Set<String> openAtKill;
        try {
            load.awaitApproved(20);
            notifications.kill();
            // Read after the kill: what the dead instance left open, some of it perhaps accepted by a provider already.
            openAtKill = strings("select delivery_id::text from notification_saga.delivery"
                    + " where status in ('PENDING', 'RETRYING')");
            System.out.printf("notification-saga killed with %s deliveries open%n", openDeliveries());
            notifications = system.restart(notifications, "after-kill");
            notifications.awaitUp(LedgerSystem.START_TIMEOUT);

            load.awaitApproved(20);
            system.kafka().kill();
            int acceptedBefore = load.accepted.get();
            await("commands accepted while the broker is down").atMost(PATIENCE)
                    .until(() -> load.accepted.get() >= acceptedBefore + 20);
            system.kafka().restart();

            load.awaitApproved(20);
            query.kill();
            query = system.restart(query, "after-kill");
            query.awaitUp(LedgerSystem.START_TIMEOUT);

            load.awaitApproved(20);
            ServiceProcess killed = commands.get();
            killed.kill();
            commands.set(system.restart(killed, "after-kill"));
            commands.get().awaitUp(LedgerSystem.START_TIMEOUT);
            load.awaitApproved(20);
        } finally {
            load.stop();
        }
        assertThat(load.failures).as("commands refused for good").isEmpty();
        System.out.printf("%d requests submitted and approved; %d commands retried after an error%n",
                load.approved.size(), load.retried.get());

        // Quiet again: the read models hold every event of the store, and no delivery is open.
        Set<String> stored = strings("select event_identifier from command_side.domain_event_entry");
        await("every event in the audit log").atMost(PATIENCE).until(
                () -> strings("select event_id from query_side.audit_event").size() >= stored.size());
        await("no delivery open").atMost(PATIENCE).until(() -> openDeliveries().isEmpty());

        // Nothing lost between the store, Kafka and the read models, nothing applied twice (event_id is the key).
        assertThat(strings("select event_id from query_side.audit_event")).containsExactlyInAnyOrderElementsOf(
                strings("select event_identifier from command_side.domain_event_entry"));
        assertThat(strings("select leave_request_id || ' ' || status from query_side.leave_request"
                + " where leave_request_id in (" + quoted(load.approved) + ")"))
                .containsExactlyInAnyOrderElementsOf(load.approved.stream().map(id -> id + " APPROVED").toList());

        // Every notice owed, once: the manager hears of each request on three channels, the employee of each
        // approval on four (BRIEF §6).
        int requests = load.approved.size();
        assertThat(counts("select kind || ' ' || channel, count(*) from notification_saga.delivery"
                + " where fallback_for is null group by 1")).isEqualTo(Map.of(
                "LEAVE_REQUESTED EMAIL", (long) requests, "LEAVE_REQUESTED PUSH", (long) requests,
                "LEAVE_REQUESTED AUDIT", (long) requests, "LEAVE_APPROVED EMAIL", (long) requests,
                "LEAVE_APPROVED SMS", (long) requests, "LEAVE_APPROVED PUSH", (long) requests,
                "LEAVE_APPROVED AUDIT", (long) requests));
        // ... each ended: sent, fallen back to an email that ended, or dead-lettered with a dead letter to show. A
        // request notice that failed for good after the manager had decided stays FAILED: it is moot, nobody needs
        // its fallback (LeaveNotificationSaga).
        assertThat(strings("select distinct status from notification_saga.delivery"))
                .isSubsetOf("SENT", "FALLEN_BACK", "DEAD_LETTERED", "FAILED");
        assertThat(strings("select distinct kind from notification_saga.delivery where status = 'FAILED'"))
                .as("failed for good without a fallback").isSubsetOf("LEAVE_REQUESTED");
        assertThat(strings("select d.delivery_id from notification_saga.delivery d where d.status = 'FALLEN_BACK'"
                + " and not exists (select 1 from notification_saga.delivery f where f.fallback_for = d.delivery_id"
                + " and f.status in ('SENT', 'DEAD_LETTERED'))")).as("fallen back without a fallback").isEmpty();
        assertThat(strings("select d.delivery_id from notification_saga.delivery d where d.status = 'DEAD_LETTERED'"
                + " and not exists (select 1 from notification_saga.dead_letter l where l.delivery_id = d.delivery_id)"))
                .as("dead-lettered without a dead letter").isEmpty();

        // What the providers accepted is exactly what the saga recorded as sent, each under its delivery id. A
        // provider honouring the idempotency key delivers each once; the resends it saw (a crash between the
        // provider's answer and our record of it, ADR 0022) carry the same key.
        for (String channel : List.of("SMS", "PUSH")) {
            List<ServeEvent> calls = system.providers().getAllServeEvents().stream()
                    .filter(e -> e.getRequest().getUrl().equals("/" + channel.toLowerCase())).toList();
            assertThat(calls).as(channel + " calls").allSatisfy(call ->
                    assertThat(call.getRequest().getHeader("Idempotency-Key")).isNotBlank());
            List<String> accepted = calls.stream().filter(e -> e.getResponse().getStatus() / 100 == 2)
                    .map(e -> e.getRequest().getHeader("Idempotency-Key")).toList();
            Set<String> sent = strings("select delivery_id::text from notification_saga.delivery where channel = '"
                    + channel + "' and status = 'SENT'");
            assertThat(new HashSet<>(accepted)).as(channel + " accepted").containsAll(sent);
            // The one window ADR 0022 names: a provider accepted a call and the saga died before recording it. The
            // resends carry the same key; when the provider refuses every one of them, the delivery ends FAILED or
            // falls back although the provider has it. Only a delivery left open by the kill can end like that.
            Set<String> acceptedNotSent = new HashSet<>(accepted);
            acceptedNotSent.removeAll(sent);
            assertThat(acceptedNotSent).as(channel + " accepted but not recorded as sent").isSubsetOf(openAtKill);
            System.out.printf("%s: %d calls, %d refused (503), %d deliveries accepted, %d resent with the same key,"
                            + " %d accepted before the kill and refused on every resend%n",
                    channel, calls.size(), calls.size() - accepted.size(), new HashSet<>(accepted).size(),
                    accepted.size() - new HashSet<>(accepted).size(), acceptedNotSent.size());
        }
        List<String> mails = system.mails().stream().map(CrashE2eIT::messageId).toList();
        assertThat(new HashSet<>(mails)).as("emails received").containsExactlyInAnyOrderElementsOf(
                strings("select '<' || delivery_id || '@leave-ledger>' from notification_saga.delivery"
                        + " where channel = 'EMAIL' and status = 'SENT'"));
        System.out.printf("EMAIL: %d messages, %d deliveries, %d resent with the same Message-ID%n", mails.size(),
                new HashSet<>(mails).size(), mails.size() - new HashSet<>(mails).size());
    }

    /**
     * The load: every half second one employee submits a week of leave and their manager approves it, each command
     * sent again with the same Idempotency-Key until it gets an answer (connection refused, a 5xx or a lost race
     * are retried; a refusal is recorded as a failure).
     */
    private static final class Load {

        private final List<Person> team;
        private final Map<String, Person> managers = new HashMap<>();
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final ExecutorService clients = Executors.newFixedThreadPool(8);
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger accepted = new AtomicInteger();
        private final AtomicInteger retried = new AtomicInteger();
        private final Set<String> approved = ConcurrentHashMap.newKeySet();
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

        Load(List<Person> team, List<Person> managers) {
            this.team = team;
            managers.forEach(m -> this.managers.put(m.id(), m));
        }

        void start() {
            clock.scheduleAtFixedRate(() -> {
                int flow = started.getAndIncrement();
                if (flow < team.size() * FLOWS_PER_EMPLOYEE) {
                    clients.execute(() -> run(team.get(flow % team.size()), flow / team.size()));
                }
            }, 0, 500, TimeUnit.MILLISECONDS);
        }

        private void run(Person employee, int nth) {
            try {
                LocalDate monday = LocalDate.of(2031 + nth / 5, 1, 1)
                        .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)).plusWeeks(3 + (nth % 5) * 8L);
                Http.Answer submitted = until2xx(() -> Http.post(commands.get(), "/api/leave-requests",
                        employee.token(), Map.of("employeeId", employee.id(), "leaveType", "ANNUAL",
                                "startDate", monday.toString(), "endDate", monday.plusDays(4).toString(),
                                "reason", "drill"), "Idempotency-Key", "drill-submit-" + employee.id() + "-" + nth));
                String request = submitted.body().path("leaveRequestId").asText();
                Person manager = managers.get(employee.managerId());
                until2xx(() -> Http.post(commands.get(), "/api/leave-requests/" + request + "/approve",
                        manager.token(), Map.of("comment", "ok"), "Idempotency-Key", "drill-approve-" + request));
                approved.add(request);
            } catch (RuntimeException | AssertionError e) {
                failures.add(employee.id() + " #" + nth + ": " + e);
            }
        }

        private Http.Answer until2xx(Supplier<Http.Answer> command) {
            AtomicReference<Http.Answer> answer = new AtomicReference<>();
            await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).until(() -> {
                try {
                    Http.Answer a = command.get();
                    if (a.status() / 100 == 2) {
                        answer.set(a);
                        accepted.incrementAndGet();
                        return true;
                    }
                    if (a.status() / 100 == 5 || a.status() == 409
                            && a.body().path("rule").asText().equals("concurrent-modification")) {
                        retried.incrementAndGet();
                        return false;
                    }
                    throw new IllegalStateException("refused: " + a);
                } catch (UncheckedIOException e) {
                    retried.incrementAndGet();
                    return false;
                }
            });
            return answer.get();
        }

        /** Waits until {@code more} requests beyond the present count are approved. */
        void awaitApproved(int more) {
            int target = approved.size() + more;
            await(target + " requests approved").atMost(PATIENCE).until(() -> {
                assertThat(failures).isEmpty();
                return approved.size() >= target;
            });
        }

        void stop() throws InterruptedException {
            clock.shutdownNow();
            clients.shutdown();
            assertThat(clients.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("flows finished")
                    .isTrue();
        }
    }

    private static Map<String, Long> openDeliveries() throws SQLException {
        return counts("select channel, count(*) from notification_saga.delivery"
                + " where status in ('PENDING', 'RETRYING') group by 1");
    }

    private static Set<String> strings(String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection connection = LedgerSystem.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static Map<String, Long> counts(String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = LedgerSystem.database(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static String quoted(Set<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    private static String messageId(MimeMessage mail) {
        return LedgerSystem.header(mail, "Message-ID");
    }
}
