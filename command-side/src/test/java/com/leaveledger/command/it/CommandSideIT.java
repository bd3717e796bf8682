package com.leaveledger.command.it;

import com.leaveledger.support.testing.ServiceIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.Topics;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import com.leaveledger.verifier.CheckpointSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Base of the command side's integration tests: the real application on a random port, the real PostgreSQL
 * (database {@code leave_ledger_test}) and a real Kafka broker (embedded KRaft). Every subclass shares one
 * Spring context. Tests never share data: each makes its own employees with a unique prefix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${LEDGER_TEST_DB_URL:jdbc:postgresql://localhost:5432/leave_ledger_test}",
        "axon.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ledger.observability.publisher.interval=200ms",
        "ledger.integrity.checkpoints.check-interval=200ms",
        // The account jobs' schedule stays out of the way; AccountJobsIT runs its checks itself, and accrues PARENTAL.
        "ledger.account-jobs.initial-delay=PT10H",
        "ledger.leave-policies.types.PARENTAL.accrual.days-per-month=2.5"
})
@EmbeddedKafka(kraft = true, count = 1, partitions = 12, topics = {Topics.EVENTS})
// /actuator/prometheus and tracing (the trace context in events): Spring Boot leaves both off in tests unless asked
@AutoConfigureObservability
@ActiveProfiles("dev")
abstract class CommandSideIT extends ServiceIT {

    /** A signing key checkpoints were signed with before the one the service signs with now (a rotation). */
    protected static final CheckpointSigner EARLIER_KEY = CheckpointSigner.generate();
    /** The service's signing key, in a file of this run, as in production. */
    protected static final CheckpointSigner CURRENT_KEY = CheckpointSigner.generate();

    /**
     * Keys are new in every run, so the checkpoints of an earlier run (signed by keys nobody trusts any more) go
     * first, as the notary: the first checkpoint of this run covers the test database's events again.
     */
    @DynamicPropertySource
    static void signingKeys(DynamicPropertyRegistry properties) {
        String url = System.getenv().getOrDefault("LEDGER_TEST_DB_URL",
                "jdbc:postgresql://localhost:5432/leave_ledger_test");
        try (java.sql.Connection notary = java.sql.DriverManager.getConnection(url, "leave_ledger_notary",
                System.getenv().getOrDefault("LEDGER_NOTARY_DB_PASSWORD", "leave_ledger_notary"));
             java.sql.Statement statement = notary.createStatement()) {
            statement.execute("drop schema if exists ledger_integrity cascade");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot reach " + url + " as leave_ledger_notary "
                    + "(scripts/ledger db-up creates the role)", e);
        }
        try {
            Path file = Files.createTempFile("checkpoint-signing-key", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, CURRENT_KEY.pkcs8Pem());
            properties.add("ledger.integrity.signing-key-file", file::toString);
            properties.add("ledger.integrity.trusted-key-ids", EARLIER_KEY::keyId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    protected final String hr = run + "-hr";

    protected ResponseEntity<JsonNode> post(String path, String token, Object body) {
        return post(path, token, body, new HttpHeaders());
    }

    protected ResponseEntity<JsonNode> post(String path, String token, Object body, HttpHeaders headers) {
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected void registerTeam(String manager, String... employees) {
        assertThat(post("/api/employees", token(hr, "HR"), employee(manager, null)).getStatusCode().value())
                .isEqualTo(201);
        for (String employee : employees) {
            assertThat(post("/api/employees", token(hr, "HR"), employee(employee, manager)).getStatusCode().value())
                    .isEqualTo(201);
        }
    }

    protected Map<String, Object> employee(String id, String manager) {
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("id", id);
        body.put("name", "Name " + id);
        body.put("email", id + "@example.com");
        body.put("phone", "+4930123456");
        body.put("pushToken", "push-" + id);
        body.put("managerId", manager);
        body.put("country", "DE");
        body.put("subdivision", "BE");
        return body;
    }

    protected void grant(String employee, String type, int year, int days) {
        ResponseEntity<JsonNode> answer = post("/api/leave-accounts/" + employee + "/" + type + "/" + year
                + "/entitlements", token(hr, "HR"), Map.of("days", days, "reason", "contract"));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(202);
    }

    protected ResponseEntity<JsonNode> submit(String employee, String type, String start, String end) {
        return post("/api/leave-requests", token(employee, "EMPLOYEE"), Map.of("employeeId", employee,
                "leaveType", type, "startDate", start, "endDate", end, "halfDayStart", false, "halfDayEnd", false,
                "reason", "holiday"));
    }

    /** The integrity report of {@code GET /api/audit/integrity}, read by a compliance officer. */
    protected JsonNode integrity() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(id("auditor"), "COMPLIANCE"));
        ResponseEntity<JsonNode> answer = http.exchange("/api/audit/integrity", HttpMethod.GET,
                new HttpEntity<>(headers), JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    protected int eventCount(String aggregateIdentifierLike) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier like ?",
                Integer.class, aggregateIdentifierLike);
    }

    protected List<String> eventTypes(String aggregateIdentifier) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, aggregateIdentifier).stream()
                .map(t -> t.substring(t.lastIndexOf('.') + 1)).toList();
    }
}
