package com.leaveledger.query.it;

import com.leaveledger.support.testing.ServiceIT;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.Topics;
import com.leaveledger.query.replay.ProcessorPositions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the query side's integration tests: the real application on a random port, the real PostgreSQL (database
 * {@code leave_ledger_test}, schema {@code query_side} wiped and migrated once per test run, since the embedded
 * broker's offsets start at 0 again) and a real Kafka broker (embedded KRaft, 12 partitions). Events are produced
 * with {@link TestLedger} in the command side's format. Every subclass shares one Spring context; tests never share
 * data (each uses employee ids with its own prefix).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axon.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.flyway.clean-disabled=false",
        "ledger.projections.careful-window=20s",
        "ledger.replay.monitor-interval=200ms",
        "ledger.projections.metrics-interval=200ms"
})
@EmbeddedKafka(kraft = true, count = 1, partitions = 12, topics = {Topics.EVENTS})
// /actuator/prometheus and tracing (the W3C trace context in events): Spring Boot leaves both off in tests unless asked
@AutoConfigureObservability
@ActiveProfiles({"dev", "it"})
@Import({QuerySideIT.FreshSchema.class, QuerySideIT.Clocks.class})
public abstract class QuerySideIT extends ServiceIT {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected ProcessorPositions positions;
    /** The service's clock: the system's unless a test sets it (reset after each test). */
    @Autowired
    protected TestClock clock;
    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    protected TestLedger ledger;

    @BeforeEach
    void openLedger() {
        ledger = new TestLedger(brokers);
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
        clock.reset();
    }

    /**
     * Makes PostgreSQL refuse to write the rows of {@code table} for which {@code when} holds, raising {@code raise}
     * (a PL/pgSQL raise statement) from a trigger, as a too-narrow column, a new constraint or an outage would.
     * Closing the answer drops the trigger.
     */
    protected RefusedWrites refuseWrites(String table, String when, String raise) {
        String trigger = "test_refuse_" + table + "_" + run;
        jdbc.execute("create or replace function query_side." + trigger + "() returns trigger language plpgsql as $$ "
                + "begin " + raise + "; end $$");
        jdbc.execute("create trigger " + trigger + " before insert or update on " + table + " for each row "
                + "when (" + when + ") execute function query_side." + trigger + "()");
        return () -> jdbc.execute("drop trigger if exists " + trigger + " on " + table);
    }

    /** The trigger of {@link #refuseWrites}, dropped on close. */
    protected interface RefusedWrites extends AutoCloseable {
        @Override
        void close();
    }

    /** A token of this test's engineer, who runs the projections. */
    protected String engineer() {
        return token(id("eng"), "ENGINEER");
    }

    /** A token of this test's compliance officer, who reads the audit API. */
    protected String compliance() {
        return token(id("auditor"), "COMPLIANCE");
    }

    protected ResponseEntity<JsonNode> get(String path, String token) {
        return exchange(HttpMethod.GET, path, token);
    }

    protected ResponseEntity<JsonNode> post(String path, String token) {
        return exchange(HttpMethod.POST, path, token);
    }

    protected ResponseEntity<JsonNode> exchange(HttpMethod method, String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, method, new HttpEntity<>(headers), JsonNode.class);
    }

    protected ResponseEntity<String> getText(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    protected StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /** Waits until every projection has handled everything on the topic. */
    protected void awaitCaughtUp(String... projections) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<Integer, Long> ends = positions.endOffsets();
            for (String projection : projections) {
                long lag = positions.position(projection, Optional.of(processor(projection))).lag(ends);
                org.assertj.core.api.Assertions.assertThat(lag).as("lag of " + projection).isZero();
            }
        });
    }

    protected static final String[] ALL = {"employees", "leave-requests", "balances", "audit-log"};

    /** The service's clock, which a test may set. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    /** Wipes the query side's schema before the context migrates it: a new embedded broker starts at offset 0. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FreshSchema {

        @Bean
        FlywayMigrationStrategy cleanThenMigrate() {
            return flyway -> {
                flyway.clean();
                flyway.migrate();
            };
        }
    }
}
