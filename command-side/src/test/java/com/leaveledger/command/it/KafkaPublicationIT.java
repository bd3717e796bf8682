package com.leaveledger.command.it;

import com.leaveledger.support.testing.Scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.command.infra.KafkaPublicationConfiguration;
import com.leaveledger.kernel.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;

/** The event store is the outbox: every stored event reaches the topic, keyed by employee, in order, with headers. */
class KafkaPublicationIT extends CommandSideIT {

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;
    @Autowired
    private EventProcessingConfiguration processing;

    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();

    @BeforeEach
    void readTheTopicFromTheStart() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @AfterEach
    void close() {
        processor().start();
        consumer.close();
    }

    @Test
    void everyEventArrivesKeyedByEmployeeInOrderWithItsHeaders() {
        String manager = id("m"), first = id("e1"), second = id("e2");
        registerTeam(manager, first, second);
        for (String employee : List.of(first, second)) {
            grant(employee, "ANNUAL", 2033, 20);
            HttpHeaders headers = new HttpHeaders();
            headers.set("X-Correlation-Id", employee + "-submit");
            String requestId = post("/api/leave-requests", token(employee, "EMPLOYEE"), Map.of("employeeId", employee,
                    "leaveType", "ANNUAL", "startDate", "2033-03-07", "endDate", "2033-03-11"), headers)
                    .getBody().get("leaveRequestId").asText();
            post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"), Map.of());
        }
        Map<String, List<String>> stored = storedEventIdsByEmployee(List.of(manager, first, second));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(receivedIdsByKey(stored.keySet())).isEqualTo(stored);
        });

        ConsumerRecord<String, byte[]> requested = received.stream()
                .filter(r -> r.key().equals(first) && header(r, "axon-message-type").endsWith("LeaveRequestedEvent"))
                .findFirst().orElseThrow();
        assertThat(header(requested, "axon-message-revision")).isEqualTo("2");
        long timestamp = java.nio.ByteBuffer.wrap(requested.headers().lastHeader("axon-message-timestamp").value())
                .getLong();
        assertThat(java.time.Instant.ofEpochMilli(timestamp))
                .isBetween(java.time.Instant.now().minusSeconds(300), java.time.Instant.now());
        assertThat(header(requested, "axon-metadata-actor")).isEqualTo(first);
        assertThat(header(requested, "axon-metadata-correlationId")).isEqualTo(first + "-submit");
        assertThat(header(requested, "axon-metadata-causationId")).isNotBlank();
        assertThat(new String(requested.value(), StandardCharsets.UTF_8)).contains("\"employeeId\":\"" + first + "\"");
        Set<Integer> partitionsOfFirst = received.stream().filter(r -> r.key().equals(first))
                .map(ConsumerRecord::partition).collect(Collectors.toSet());
        assertThat(partitionsOfFirst).hasSize(1);
    }

    @Test
    void eventsStoredWhileThePublisherIsStoppedArePublishedWhenItRestarts() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(receivedIdsByKey(Set.of(manager, employee)))
                    .isEqualTo(storedEventIdsByEmployee(List.of(manager, employee)));
        });

        processor().shutDown();
        grant(employee, "ANNUAL", 2033, 20);
        String requestId = submit(employee, "ANNUAL", "2033-04-04", "2033-04-08").getBody().get("leaveRequestId").asText();
        post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"), Map.of());
        Map<String, List<String>> stored = storedEventIdsByEmployee(List.of(manager, employee));
        assertThat(stored.get(employee)).hasSize(6);
        poll();
        assertThat(receivedIdsByKey(Set.of(employee)).get(employee)).hasSize(1);
        // the gap shows in the metrics: the head moved on, the publisher's position did not
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape metrics = metrics();
            assertThat(metrics.value("ledger_publisher_head")).isGreaterThanOrEqualTo(head);
            assertThat(metrics.value("ledger_publisher_position")).isLessThan(head);
            // at least the five events stored while it was stopped (grant, submit, approval)
            assertThat(metrics.value("ledger_publisher_lag_events")).isGreaterThanOrEqualTo(5.0);
            assertThat(metrics.value("ledger_publisher_oldest_unpublished_age_seconds")).isPositive();
            assertThat(metrics.value("ledger_publisher_segments_claimed")).isZero();
        });

        processor().start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            poll();
            assertThat(receivedIdsByKey(stored.keySet())).isEqualTo(stored);
        });
        // published: the position reaches the head, nothing waits
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape metrics = metrics();
            assertThat(metrics.value("ledger_publisher_position")).isGreaterThanOrEqualTo(head);
            assertThat(metrics.value("ledger_publisher_lag_events")).isZero();
            assertThat(metrics.value("ledger_publisher_oldest_unpublished_age_seconds")).isZero();
            assertThat(metrics.value("ledger_publisher_segments_claimed")).isPositive();
            assertThat(metrics.value("ledger_publisher_segments_in_error")).isZero();
        });
        assertThat(metrics().value("ledger_publisher_missed_events_total")).isZero();
    }

    private EventProcessor processor() {
        return processing.eventProcessor(KafkaPublicationConfiguration.PUBLISHER_GROUP).orElseThrow();
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }

    /** Event ids per employee in the order they were stored (global index). */
    private Map<String, List<String>> storedEventIdsByEmployee(List<String> employees) {
        Map<String, List<String>> byEmployee = new HashMap<>();
        jdbc.query("select event_identifier, convert_from(payload, 'UTF8') as payload from domain_event_entry "
                + "order by global_index", rs -> {
            String payload = rs.getString("payload");
            for (String employee : employees) {
                if (payload.contains("\"employeeId\":\"" + employee + "\"")
                        || payload.contains("\"accountId\":\"" + employee + ":")) {
                    byEmployee.computeIfAbsent(employee, k -> new ArrayList<>()).add(rs.getString("event_identifier"));
                }
            }
        });
        return byEmployee;
    }

    private Map<String, List<String>> receivedIdsByKey(Set<String> keys) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : received) {
            if (keys.contains(record.key())) {
                byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(header(record, "axon-message-id"));
            }
        }
        return byKey;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
