package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.processing.AxonJdbcTables;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Flyway V6 carries the dead letters of Axon's JPA queue over to its JDBC queue (docs/adr/0045): a letter written in
 * the JPA layout before V6 is read, retried and evicted by {@code JdbcSequencedDeadLetterQueue} after it, on a
 * scratch schema of the test database.
 */
class JdbcDeadLetterMigrationIT {

    private static final String SCHEMA = "v6_dead_letter_migration";

    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void scratchSchema() {
        String url = System.getenv().getOrDefault("LEDGER_TEST_DB_URL",
                "jdbc:postgresql://localhost:5432/leave_ledger_test");
        dataSource = new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
                "leave_ledger", "leave_ledger");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        flyway("4").migrate();
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void aLetterOfAxonsJpaQueueIsReadRetriedAndEvictedByItsJdbcQueueAfterTheMigration() {
        OffsetDateTime enqueued = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 891_234_000, ZoneOffset.ofHours(2));
        // as Axon's JPA queue wrote it: times as timestamptz, payload, metadata, token and diagnostics as JSON
        jdbc.update("""
                insert into dead_letter_entry (dead_letter_id, processing_group, sequence_identifier, sequence_index,
                    message_type, event_identifier, type, aggregate_identifier, sequence_number, payload_type,
                    payload_revision, payload, meta_data, time_stamp, token_type, token, enqueued_at, last_touched,
                    processing_started, cause_type, cause_message, diagnostics)
                values ('letter-1', 'balances', 'eli', 0, ?, 'event-1', 'LeaveAccount', 'account-1', 3,
                    'java.lang.String', null, ?, ?, '2026-03-04T01:00:00.000Z', ?, ?, ?, ?, null,
                    'RefusedWriteException', 'refused', ?)""",
                GenericTrackedDomainEventMessage.class.getName(), json("\"the payload\""),
                json("{\"correlationId\":\"corr-1\"}"), GlobalSequenceTrackingToken.class.getName(),
                json("{\"globalIndex\":42}"), enqueued, enqueued.plusMinutes(1), json("{}"));
        // the JPA-only saga tables are still there before V6
        assertThat(tables()).contains("saga_entry", "association_value_entry");

        flyway(null).migrate();

        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = queue();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.amountOfSequences()).isEqualTo(1);
        List<DeadLetter<? extends EventMessage<?>>> letters = StreamSupport
                .stream(queue.deadLetterSequence("eli").spliterator(), false).toList();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.message()).isInstanceOf(GenericTrackedDomainEventMessage.class);
            GenericTrackedDomainEventMessage<?> event = (GenericTrackedDomainEventMessage<?>) letter.message();
            assertThat(event.getIdentifier()).isEqualTo("event-1");
            assertThat(event.getPayload()).isEqualTo("the payload");
            assertThat(event.getMetaData()).containsEntry("correlationId", "corr-1");
            assertThat(event.getAggregateIdentifier()).isEqualTo("account-1");
            assertThat(event.getSequenceNumber()).isEqualTo(3);
            assertThat(event.getTimestamp()).isEqualTo(Instant.parse("2026-03-04T01:00:00Z"));
            assertThat(event.trackingToken()).isEqualTo(new GlobalSequenceTrackingToken(42));
            assertThat(letter.enqueuedAt()).isEqualTo(Instant.parse("2026-03-04T03:06:07.891Z"));
            assertThat(letter.lastTouched()).isEqualTo(Instant.parse("2026-03-04T03:07:07.891Z"));
            assertThat(letter.cause()).hasValueSatisfying(cause -> {
                assertThat(cause.type()).isEqualTo("RefusedWriteException");
                assertThat(cause.message()).isEqualTo("refused");
            });
        });
        // a retry can claim it (the claim compares the migrated times as text) and hands it over once
        List<String> handed = new java.util.ArrayList<>();
        assertThat(queue.process(letter -> {
            handed.add(letter.message().getIdentifier());
            return org.axonframework.messaging.deadletter.Decisions.evict();
        })).isTrue();
        assertThat(handed).containsExactly("event-1");
        assertThat(queue.size()).isZero();
        // and the JPA-only saga tables are gone
        assertThat(tables()).doesNotContain("saga_entry", "association_value_entry")
                .contains("dead_letter_entry", "token_entry");
    }

    private JdbcSequencedDeadLetterQueue<EventMessage<?>> queue() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup("balances")
                .schema(AxonJdbcTables.deadLetters())
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .genericSerializer(serializer)
                .build();
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).schemas(SCHEMA).defaultSchema(SCHEMA)
                .locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    private List<String> tables() {
        return jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
                String.class, SCHEMA);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
