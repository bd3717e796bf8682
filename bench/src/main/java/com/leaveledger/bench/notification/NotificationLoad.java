package com.leaveledger.bench.notification;

import com.leaveledger.bench.KafkaEvents;
import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;

/**
 * Notification benchmark (BRIEF §10), end to end: Kafka → inbox → saga → channel handlers → providers. Not a test:
 * a main, run against a running notification-saga whose providers are simulated with a fixed latency (300 ms).
 * <p>
 * It registers employees and managers, then produces {@code --requests} LeaveRequested + LeaveApproved pairs onto
 * the events topic exactly as the command side does (axon-kafka's converter, Jackson, keyed by employee), as fast
 * as Kafka takes them. Each pair asks for 5 provider messages (manager: email + push; employee: email + SMS + push)
 * and 2 compliance records. It then watches the {@code delivery} table until every message is SENT and reports
 * provider messages per second and the latencies, from the event's timestamp, of registering the delivery (the
 * provider call starts right after) and of the provider's acceptance. See docs/benchmarks.md, "Notifications".
 */
public final class NotificationLoad {

    private NotificationLoad() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
        String topic = options.getOrDefault("topic", "leave-ledger.bench-events");
        String db = options.getOrDefault("db", "jdbc:postgresql://localhost:5432/leave_ledger_test");
        String schema = options.getOrDefault("schema", "notification_saga");
        int requests = Integer.parseInt(options.getOrDefault("requests", "20000"));
        int employees = Integer.parseInt(options.getOrDefault("employees", "2000"));
        int managers = Integer.parseInt(options.getOrDefault("managers", "100"));
        // leave events per second; 0 = as fast as Kafka takes them (throughput), > 0 = an open-model rate (latency)
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        // ids of this run's employees and requests start with it: "w" marks the warm-up run of the script
        String run = options.getOrDefault("run-prefix", "b") + Instant.now().getEpochSecond();

        createTopic(bootstrap, topic);
        if (Boolean.parseBoolean(options.getOrDefault("create-topic-only", "false"))) {
            return;
        }
        DefaultKafkaMessageConverter converter = KafkaEvents.converter();

        try (KafkaProducer<String, byte[]> producer = KafkaEvents.producer(bootstrap, 5, 256 * 1024, 32L * 1024 * 1024);
             Connection sql = DriverManager.getConnection(db, options.getOrDefault("db-user", "leave_ledger"),
                     options.getOrDefault("db-password", "leave_ledger"))) {
            sql.createStatement().execute("set search_path to " + schema);
            System.out.printf("run %s: %d managers, %d employees, %d requests → %d provider messages%n", run,
                    managers, employees, requests, requests * 5);

            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int m = 0; m < managers; m++) {
                String id = managerId(run, m);
                sends.add(send(producer, converter, topic, "Employee", id, 0, registered(id, null)));
            }
            for (int e = 0; e < employees; e++) {
                String id = employeeId(run, e);
                sends.add(send(producer, converter, topic, "Employee", id, 0, registered(id, managerId(run, e % managers))));
            }
            awaitAll(sends);
            org.awaitility.Awaitility.await("the directory takes the registrations").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(sql, "select count(*) from employee_directory where employee_id like ?",
                            run + "-%") >= managers + employees);
            System.out.println("directory ready; producing leave events");

            Instant start = Instant.now();
            sends.clear();
            long startNanos = System.nanoTime();
            for (int r = 0; r < requests; r++) {
                if (rate > 0) {
                    long due = startNanos + (long) (r * 2 / rate * 1_000_000_000L);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                int e = r % employees;
                String employee = employeeId(run, e);
                String manager = managerId(run, e % managers);
                String request = run + "-r" + r;
                LocalDate day = LocalDate.of(2032, 1, 5).plusDays(r / employees * 7L);
                sends.add(send(producer, converter, topic, "LeaveRequest", request, 0, new LeaveRequestedEvent(
                        LeaveRequestId.of(request), EmployeeId.of(employee), EmployeeId.of(manager), LeaveType.ANNUAL,
                        day, day, false, false, BigDecimal.ONE.setScale(1),
                        List.of(new YearShare(2032, BigDecimal.ONE.setScale(1))), "bench", List.of(Approver.MANAGER))));
                sends.add(send(producer, converter, topic, "LeaveRequest", request, 1, new LeaveApprovedEvent(
                        LeaveRequestId.of(request), EmployeeId.of(employee), EmployeeId.of(manager), "ok")));
                if (sends.size() >= (rate > 0 ? 200 : 10_000)) {
                    awaitAll(sends);
                    sends.clear();
                }
            }
            awaitAll(sends);
            Duration producing = Duration.between(start, Instant.now());
            System.out.printf("produced %d events in %.1f s (%.0f events/s)%n", requests * 2,
                    producing.toMillis() / 1000.0, requests * 2 / (producing.toMillis() / 1000.0));

            int expected = requests * 5;
            long[] lastSent = {-1};
            Instant[] lastProgress = {Instant.now()};
            // Sampled every second until every message is sent, or nothing moved for 60 s (then report what was sent).
            org.awaitility.Awaitility.await("the notifications").forever()
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        long sent = count(sql, "select count(*) from delivery where leave_request_id like ? "
                                + "and channel <> 'AUDIT' and status = 'SENT'", run + "-%");
                        long open = count(sql, "select count(*) from delivery where leave_request_id like ? "
                                + "and status in ('PENDING', 'RETRYING')", run + "-%");
                        System.out.printf("%6.1f s  sent %7d / %d   open %6d%n",
                                Duration.between(start, Instant.now()).toMillis() / 1000.0, sent, expected, open);
                        if (sent >= expected) {
                            return true;
                        }
                        if (sent != lastSent[0]) {
                            lastSent[0] = sent;
                            lastProgress[0] = Instant.now();
                        } else if (Duration.between(lastProgress[0], Instant.now()).toSeconds() > 60) {
                            System.out.println("no progress for 60 s; reporting what was sent");
                            return true;
                        }
                        return false;
                    });
            report(sql, run, start, requests);
        }
    }

    private static void report(Connection sql, String run, Instant start, int requests) throws SQLException {
        String like = run + "-%";
        try (PreparedStatement q = sql.prepareStatement("""
                with d as (
                  select d.completed_at, d.requested_at, e.time_stamp::timestamptz as event_at
                  from delivery d join domain_event_entry e on e.event_identifier = d.source_event_id
                  where d.leave_request_id like ? and d.channel <> 'AUDIT' and d.status = 'SENT')
                select count(*),
                       extract(epoch from max(completed_at) - min(completed_at)),
                       extract(epoch from max(completed_at) - ?::timestamptz),
                       percentile_cont(0.5) within group (order by extract(epoch from requested_at - event_at)),
                       percentile_cont(0.99) within group (order by extract(epoch from requested_at - event_at)),
                       percentile_cont(0.5) within group (order by extract(epoch from completed_at - event_at)),
                       percentile_cont(0.99) within group (order by extract(epoch from completed_at - event_at))
                from d""")) {
            q.setString(1, like);
            q.setString(2, start.toString());
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                long sent = rs.getLong(1);
                double window = rs.getDouble(2);
                double total = rs.getDouble(3);
                System.out.printf("%nprovider messages sent: %d of %d (+ %d compliance records)%n", sent,
                        requests * 5L, requests * 2L);
                System.out.printf("throughput: %.0f messages/s between first and last acceptance (%.1f s); "
                        + "%.0f messages/s from the first event produced (%.1f s)%n", sent / window, window,
                        sent / total, total);
                System.out.printf("event → delivery registered (provider call starts): p50 %.0f ms, p99 %.0f ms%n",
                        rs.getDouble(4) * 1000, rs.getDouble(5) * 1000);
                System.out.printf("event → provider accepted (incl. its latency): p50 %.0f ms, p99 %.0f ms%n",
                        rs.getDouble(6) * 1000, rs.getDouble(7) * 1000);
                System.out.printf("RESULT sent=%d messages_per_s=%.0f overall_per_s=%.0f register_p50_ms=%.0f "
                                + "register_p99_ms=%.0f accepted_p50_ms=%.0f accepted_p99_ms=%.0f%n", sent,
                        sent / window, sent / total, rs.getDouble(4) * 1000, rs.getDouble(5) * 1000,
                        rs.getDouble(6) * 1000, rs.getDouble(7) * 1000);
            }
        }
    }

    private static EmployeeRegisteredEvent registered(String id, String manager) {
        return new EmployeeRegisteredEvent(EmployeeId.of(id), "Bench " + id, id + "@bench.example", "+49" + id.hashCode(),
                "push-" + id, manager == null ? null : EmployeeId.of(manager), "DE", "BE", EnumSet.allOf(Channel.class));
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer,
                                               DefaultKafkaMessageConverter converter, String topic,
                                               String aggregateType, String aggregateId, long sequence,
                                               LedgerEvent payload) {
        String eventId = UUID.randomUUID().toString();
        MetaData metadata = MetaData.with("actor", payload.employeeId().value())
                .and("correlationId", "bench-" + eventId).and("causationId", "bench-" + eventId);
        return producer.send(converter.createKafkaMessage(new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequence, payload, metadata, eventId, Instant.now()), topic));
    }

    private static void awaitAll(List<Future<RecordMetadata>> sends) throws Exception {
        for (Future<RecordMetadata> send : sends) {
            send.get();
        }
    }

    private static long count(Connection sql, String query, String like) throws SQLException {
        try (PreparedStatement q = sql.prepareStatement(query)) {
            q.setString(1, like);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            if (!admin.listTopics().names().get().contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get();
                System.out.println("created topic " + topic + " (12 partitions)");
            }
        }
    }

    private static String managerId(String run, int m) {
        return String.format("%s-m%04d", run, m);
    }

    private static String employeeId(String run, int e) {
        return String.format("%s-e%06d", run, e);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --name value ... (bootstrap, topic, db, schema, requests, "
                        + "employees, managers, rate, run-prefix, db-user, db-password, create-topic-only)");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
