package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.Topics;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.support.privacy.DataKeyStore;
import com.leaveledger.support.privacy.KeyEncryptionKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Crypto-shredding on the command side (docs/adr/0033, section 5): personal data is stored and published as
 * ciphertext; an erasure destroys the key in the transaction that records {@code SubjectErasedEvent}; afterwards the
 * chain still verifies, the employee's data reads {@code [erased]}, and others read unchanged.
 */
class ErasureIT extends CommandSideIT {

    @Autowired
    private EventStore eventStore;
    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    /**
     * A cache entry that expired is read again from the store: the stored key comes back and nothing is written (no
     * key generated and wrapped for an insert that would conflict); an erased employee is read as erased, and no key
     * is created for them.
     */
    @Test
    void aStoredKeyIsReadBackWithoutAWriteAndAnErasedEmployeeGetsNoNewKey() {
        List<String> writes = new ArrayList<>();
        JdbcTemplate counting = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public int update(String sql, Object... args) {
                writes.add(sql);
                return super.update(sql, args);
            }
        };
        DataKeyStore store = new DataKeyStore(counting, KeyEncryptionKey.development());
        String employee = id("k");

        DataKeyStore.Entry created = store.findOrCreate(employee);
        DataKeyStore.Entry readAgain = store.findOrCreate(employee);

        assertThat(writes).as("one insert, for the first").hasSize(1);
        assertThat(((DataKeyStore.Present) readAgain).key().getEncoded())
                .isEqualTo(((DataKeyStore.Present) created).key().getEncoded());
        assertThat(store.erase(employee)).isTrue();
        assertThat(store.findOrCreate(employee)).isInstanceOf(DataKeyStore.Erased.class);
        assertThat(writes).as("the erasure, and no key after it").hasSize(2);
        assertThat(jdbc.queryForObject("select wrapped_key is null from ledger_keys.data_key where employee_id = ?",
                Boolean.class, employee)).isTrue();
    }

    @Test
    void anErasedEmployeesPersonalDataIsUnreadableEverywhereAndTheChainStillVerifies() {
        String manager = id("m"), employee = id("e"), colleague = id("c");
        registerTeam(manager, employee, colleague);
        grant(employee, "ANNUAL", 2034, 20);
        String secretReason = "chemotherapy " + run;
        String requestId = post("/api/leave-requests", token(employee, "EMPLOYEE"), Map.of("employeeId", employee,
                "leaveType", "ANNUAL", "startDate", "2034-03-06", "endDate", "2034-03-08", "reason", secretReason))
                .getBody().get("leaveRequestId").asText();
        assertThat(post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"),
                Map.of("comment", "get well " + run)).getStatusCode().value()).isEqualTo(202);
        List<String> plaintexts = List.of("Name " + employee, employee + "@example.com", "push-" + employee,
                secretReason, "get well " + run);

        String stored = storedPayloads(employee, requestId);
        assertThat(stored).contains("enc:v1:" + employee + ":");
        plaintexts.forEach(p -> assertThat(stored).doesNotContain(p));
        assertThat(readRegistration(employee).name()).isEqualTo("Name " + employee);

        assertThat(erase(employee, token(hr, "EMPLOYEE")).getStatusCode().value()).isEqualTo(403);
        expectProblem(erase(employee, token(hr, "HR"), Map.of("legalBasis", "BECAUSE", "reason", "HR-1")), 400,
                "invalid-request");
        expectProblem(erase(id("nobody"), token(hr, "HR")), 404, "employee-not-found");
        assertThat(erase(employee, token(hr, "HR")).getStatusCode().value()).isEqualTo(204);
        expectProblem(erase(employee, token(hr, "HR")), 409, "employee-erased");
        expectProblem(submit(employee, "ANNUAL", "2034-04-03", "2034-04-04"), 409, "employee-erased");
        expectProblem(post("/api/leave-accounts/" + employee + "/ANNUAL/2034/adjustments", token(hr, "HR"),
                Map.of("days", 1, "reason", "bonus")), 409, "employee-erased");

        assertThat(jdbc.queryForObject("select wrapped_key is null and erased_at is not null from "
                + "ledger_keys.data_key where employee_id = ?", Boolean.class, employee)).isTrue();
        assertThat(readRegistration(employee).name()).isEqualTo("[erased]");
        assertThat(readRegistration(employee).email()).isEqualTo("[erased]");
        assertThat(eventStore.readEvents(requestId).asStream().map(DomainEventMessage::getPayload)
                .filter(LeaveRequestedEvent.class::isInstance).map(e -> ((LeaveRequestedEvent) e).reason())
                .toList()).containsExactly("[erased]");
        assertThat(readRegistration(colleague).name()).as("another employee").isEqualTo("Name " + colleague);
        assertThat(eventTypes(employee)).containsExactly("EmployeeRegisteredEvent", "SubjectErasedEvent");
        assertThat(storedPayloads(employee, requestId)).as("the stored bytes are unchanged").startsWith(stored);

        assertThat(integrity().path("status").asText()).isEqualTo("VERIFIED");
        String onTheTopic = awaitRecordsOf(employee, "SubjectErasedEvent");
        plaintexts.forEach(p -> assertThat(onTheTopic).doesNotContain(p));
    }

    private EmployeeRegisteredEvent readRegistration(String employee) {
        return (EmployeeRegisteredEvent) eventStore.readEvents(employee).asStream()
                .map(DomainEventMessage::getPayload).filter(EmployeeRegisteredEvent.class::isInstance)
                .findFirst().orElseThrow();
    }

    private String storedPayloads(String employee, String requestId) {
        return String.join("\n", jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier in (?, ?, ?) order by global_index", String.class, employee, requestId,
                employee + ":ANNUAL:2034"));
    }

    private ResponseEntity<JsonNode> erase(String employee, String token) {
        return erase(employee, token, Map.of("legalBasis", "CONSENT_WITHDRAWN", "reason", "HR-" + run));
    }

    private ResponseEntity<JsonNode> erase(String employee, String token, Map<String, Object> body) {
        return post("/api/employees/" + employee + "/erasure", token, body);
    }

    private void expectProblem(ResponseEntity<JsonNode> answer, int status, String rule) {
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        assertThat(answer.getBody().path("rule").asText()).isEqualTo(rule);
    }

    /** Every record keyed by the employee, as text, once one of them is of the given event type. */
    private String awaitRecordsOf(String employee, String eventType) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<String> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (employee.equals(r.key())) {
                        StringBuilder text = new StringBuilder(new String(r.value(), StandardCharsets.UTF_8));
                        r.headers().forEach(h -> text.append(' ').append(h.key()).append('=')
                                .append(new String(h.value(), StandardCharsets.UTF_8)));
                        records.add(text.toString());
                    }
                });
                return records.stream().anyMatch(r -> r.contains(eventType));
            });
            return String.join("\n", records);
        }
    }
}
