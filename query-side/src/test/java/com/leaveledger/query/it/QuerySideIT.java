package com.leaveledger.query.it;

import com.leaveledger.support.testing.Scrape;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.Topics;
import com.leaveledger.query.replay.ProcessorPositions;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
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
public abstract class QuerySideIT {

    protected static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected ProcessorPositions positions;
    /** The service's clock: the system's unless a test sets it (reset after each test). */
    @Autowired
    protected TestClock clock;
    @Value("${ledger.jwt.secret}")
    private String secret;
    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    protected final String run = "t" + UUID.randomUUID().toString().substring(0, 8);
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

    protected String id(String name) {
        return run + "-" + name;
    }

    protected String token(String subject, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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

    /** What {@code /actuator/prometheus} shows right now. */
    protected Scrape metrics() {
        ResponseEntity<String> answer = http.getForEntity("/actuator/prometheus", String.class);
        org.assertj.core.api.Assertions.assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return new Scrape(answer.getBody());
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
