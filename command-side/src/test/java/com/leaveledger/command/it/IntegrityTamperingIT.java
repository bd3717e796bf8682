package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.command.integrity.CheckpointWriter;
import com.leaveledger.command.integrity.IntegrityReport;
import com.leaveledger.command.integrity.StoreVerification;
import com.leaveledger.command.infra.axon.PublicationMonitor;
import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.CheckpointSigner;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verification misses nothing (docs/adr/0033, section 4; issue 24, point 4): over a store of more than 10,000 events
 * — written by concurrent commands over HTTP and by concurrent bulk transactions through the chaining trigger, with
 * rolled-back transactions leaving holes in the global index — and signed checkpoints covering all of it, every
 * tampering a database administrator can do is reported at the event it broke, and the untouched store verifies
 * with no false positive.
 * <p>
 * Each tampering is done by a real PostgreSQL superuser ({@link DatabaseAdministrator}, the role
 * {@code scripts/ledger test} creates) on a connection of its own, the way a DBA would: edits and deletions with
 * {@code session_replication_role = replica} (the append-only trigger stays silent for that transaction alone), the
 * forged row through the chaining trigger. The tampering is <em>committed</em>, and the running service's own
 * verification, in its own read-only transaction of its own role, is what finds it — the case of the threat model.
 * Running the verification on the superuser's transaction instead would have needed {@link StoreVerification} to
 * take a connection from outside, a hook for tests only in the service. Afterwards the superuser puts back the exact
 * rows it touched (in {@code finally}, from a copy taken first), and each case asserts that they are identical to
 * the copy and that the store verifies again.
 * <p>
 * A committed edit is seen by the rest of the service too. Before each tampering the Kafka publisher has published
 * the whole store, so it never reads an edited row and the publication monitor never takes a deleted row for a
 * hole; the forged row goes into a hole longer than the monitor watches (a jump of the sequence), so it is not
 * reported as an event the publisher missed. Commands never touch the aggregates tampered with, and the checkpoint
 * writer reads only events above its last position, so no checkpoint ever vouches for a tampered row.
 * <p>
 * Without the superuser, the tampering cases fail under {@code CI=true} and are skipped elsewhere, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrityTamperingIT extends CommandSideIT {

    private static final int BULK_TRANSACTIONS = 4;
    private static final int BULK_AGGREGATES_PER_TRANSACTION = 650;
    /** Indices a rolled-back transaction takes at once: more than the publication monitor watches as a hole. */
    private static final int JUMP = 1_500;

    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private StoreVerification verification;
    @Autowired
    private CheckpointWriter writer;
    @Autowired
    private PublicationMonitor publication;
    @Value("${spring.datasource.url}")
    private String url;
    @Value("${spring.datasource.hikari.schema}")
    private String schema;

    private DatabaseAdministrator dba;
    private String noDba;

    private String template;
    private final List<String> bulkAggregates = new ArrayList<>();
    private long seededFrom;
    private long seededEvents;
    private long forgeryIndex;

    @BeforeAll
    void seed() throws Exception {
        try {
            dba = DatabaseAdministrator.connect(url, schema);
        } catch (IllegalStateException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true: the tampering tests need a superuser; " + e.getMessage(), e);
            }
            noDba = e.getMessage();
        }
        seededFrom = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        Checkpoint before = latestCheckpoint();

        // Before anything else writes: a rolled-back transaction takes 1,500 indices in a row. The forged row goes
        // into this hole later.
        List<Long> jump = transactions.execute(status -> {
            status.setRollbackOnly();
            return jdbc.queryForList("select nextval('domain_event_entry_seq') from generate_series(1, ?)",
                    Long.class, JUMP);
        });
        forgeryIndex = jump.get(JUMP / 2);

        // Concurrent commands through the API: a team of four, each with an account and three requests.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int team = 0; team < 8; team++) {
            String manager = id("m" + team);
            List<String> employees = List.of(id("e" + team + "a"), id("e" + team + "b"), id("e" + team + "c"),
                    id("e" + team + "d"));
            done.add(threads.submit(() -> {
                registerTeam(manager, employees.toArray(String[]::new));
                for (String employee : employees) {
                    grant(employee, "ANNUAL", 2031, 30);
                    for (int week = 0; week < 3; week++) {
                        String monday = "2031-03-" + String.format("%02d", 3 + 7 * week);
                        String friday = "2031-03-" + String.format("%02d", 7 + 7 * week);
                        assertThat(submit(employee, "ANNUAL", monday, friday).getStatusCode())
                                .isEqualTo(HttpStatus.ACCEPTED);
                    }
                }
            }));
        }
        for (Future<?> each : done) {
            each.get();
        }
        template = id("e0a") + ":ANNUAL:2031";

        // Concurrent bulk transactions through the chaining trigger, copying that account's four events to
        // aggregates of their own; one more rolls back, leaving a hole of 2,600 indices. Single rolled-back
        // commands leave holes of one.
        List<Future<?>> bulk = new ArrayList<>();
        for (int t = 0; t <= BULK_TRANSACTIONS; t++) {
            boolean rollBack = t == BULK_TRANSACTIONS;
            String prefix = id("bulk" + t);
            if (!rollBack) {
                for (int n = 1; n <= BULK_AGGREGATES_PER_TRANSACTION; n++) {
                    bulkAggregates.add(prefix + "-" + n + ":ANNUAL:2031");
                }
            }
            bulk.add(threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.update("""
                        insert into domain_event_entry (aggregate_identifier, sequence_number, type,
                            event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
                        select ? || '-' || n || ':ANNUAL:2031', t.sequence_number, t.type, gen_random_uuid()::text,
                               t.payload_type, t.payload_revision, t.payload, t.meta_data, t.time_stamp
                        from generate_series(1, ?) n
                        cross join (select * from domain_event_entry where aggregate_identifier = ?) t
                        order by n, t.sequence_number""", prefix, BULK_AGGREGATES_PER_TRANSACTION, template);
                if (rollBack) {
                    status.setRollbackOnly();
                }
            })));
            bulk.add(threads.submit(() -> transactions.executeWithoutResult(status -> {
                jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
                status.setRollbackOnly();
            })));
        }
        for (Future<?> each : bulk) {
            each.get();
        }
        threads.shutdown();
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        seededEvents = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?",
                Long.class, seededFrom);

        // The writer's own schedule checkpoints after every 1,000 events...
        long beforePosition = before == null ? 0 : before.position();
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            Checkpoint latest = latestCheckpoint();
            return latest != null && latest.position() >= beforePosition + 1_000;
        });
        // ...and the rest, fewer than 1,000, would wait for its 5 minutes: asked now.
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            writer.writeNow();
            return latestCheckpoint().position() >= head;
        });
        awaitPublished();
    }

    @AfterAll
    void disconnect() {
        if (dba != null) {
            dba.close();
        }
    }

    @Test
    void theSeededStoreHasMoreThanTenThousandEventsAndHolesInItsGlobalIndex() {
        assertThat(seededEvents).isGreaterThanOrEqualTo(10_000);
        long holes = jdbc.queryForObject("""
                select (max(global_index) - ?) - count(*) from domain_event_entry
                where global_index > ?""", Long.class, seededFrom, seededFrom);
        assertThat(holes).isGreaterThanOrEqualTo(BULK_AGGREGATES_PER_TRANSACTION * 4L + JUMP);
        // the forged row's hole: longer than the publication monitor watches, and below the latest checkpoint
        long below = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry "
                + "where global_index < ?", Long.class, forgeryIndex);
        long above = jdbc.queryForObject("select min(global_index) from domain_event_entry where global_index > ?",
                Long.class, forgeryIndex);
        assertThat(above - below - 1).isGreaterThanOrEqualTo(JUMP);
        assertThat(latestCheckpoint().position()).isGreaterThan(above);
    }

    @Test
    void anUntouchedStoreVerifiesWithNoFalsePositive() {
        JsonNode report = integrity();

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("VERIFIED");
        assertThat(report.path("breaks").asLong()).isZero();
        assertThat(report.path("firstBreak").isNull()).isTrue();
        assertThat(report.path("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(report.path("checkpointsChecked").asLong()).isGreaterThanOrEqualTo(2)
                .isEqualTo(jdbc.queryForObject("select count(*) from ledger_integrity.checkpoint", Long.class));
    }

    /** One column of one row edited in place: its content hash no longer matches, and that row is named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a flipped payload byte | 10   | 1 | payload = set_byte(payload, 2, get_byte(payload, 2) # 1)
            edited metadata        | 700  | 2 | meta_data = convert_to('{"actor":"someone-else"}', 'UTF8')
            an edited timestamp    | 1400 | 0 | time_stamp = '2020-01-01T00:00:00Z'
            """)
    void anEditedColumn(String tampering, int bulkAggregate, long sequence, String edit) {
        Row victim = row(bulkAggregates.get(bulkAggregate), sequence);
        assertBrokenAt(victim.globalIndex(), victim.aggregate(), sequence, "content-hash-mismatch", rowsOf(victim),
                dba -> dba.update("update domain_event_entry set " + edit + " where global_index = ?",
                        victim.globalIndex()));
    }

    @Test
    void oneDeletedRow() {
        Row deleted = row(bulkAggregates.get(20), 1);
        Row successor = row(bulkAggregates.get(20), 2);
        assertBrokenAt(successor.globalIndex(), successor.aggregate(), 2L, "sequence-gap", rowsOf(deleted), dba ->
                dba.update("delete from domain_event_entry where global_index = ?", deleted.globalIndex()));
    }

    @Test
    void twoRowsWithSwappedSequenceNumbers() {
        Row first = row(bulkAggregates.get(30), 1);
        Row second = row(bulkAggregates.get(30), 2);
        // the sequence number is hashed: both rows break, the one written first is named, now at sequence 2
        assertBrokenAt(first.globalIndex(), first.aggregate(), 2L, "content-hash-mismatch", rowsOf(first), dba -> {
            dba.update("update domain_event_entry set sequence_number = -1 where global_index = ?",
                    first.globalIndex());
            dba.update("update domain_event_entry set sequence_number = 1 where global_index = ?",
                    second.globalIndex());
            dba.update("update domain_event_entry set sequence_number = 2 where global_index = ?",
                    first.globalIndex());
        });
    }

    @Test
    void aForgedRowInsertedIntoAHoleBelowTheCheckpointWithAValidChain() {
        String aggregate = bulkAggregates.get(40);
        Row head = row(aggregate, 3);
        // inserted through the chaining trigger: content and chain hash are right, only a checkpoint can tell
        assertBrokenAt(forgeryIndex, aggregate, 4L, "root-mismatch", List.of(forgeryIndex), false, dba -> dba.update("""
                insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                    event_identifier, payload_type, payload_revision, payload, meta_data, time_stamp)
                select ?, aggregate_identifier, 4, type, gen_random_uuid()::text, payload_type, payload_revision,
                       payload, meta_data, time_stamp
                from domain_event_entry where global_index = ?""", forgeryIndex, head.globalIndex()));
    }

    @Test
    void theLastRowsTruncated() {
        long position = latestCheckpoint().position();
        List<Long> last = jdbc.queryForList("select global_index from domain_event_entry where global_index <= ? "
                + "order by global_index desc limit 5", Long.class, position);
        Map<String, Object> missing = jdbc.queryForMap("""
                select global_index, aggregate_identifier, sequence_number from ledger_integrity.checkpoint_head
                where global_index = any(?) order by global_index limit 1""", (Object) last.toArray(Long[]::new));
        assertBrokenAt(((Number) missing.get("global_index")).longValue(), (String) missing.get("aggregate_identifier"),
                ((Number) missing.get("sequence_number")).longValue(), "missing-head", last, true, dba ->
                        dba.update("delete from domain_event_entry where global_index = any(?)",
                                (Object) last.toArray(Long[]::new)));
    }

    @Test
    void everyHashRecomputedAfterAnEdit() {
        String aggregate = bulkAggregates.get(50);
        Row edited = row(aggregate, 1);
        Row head = row(aggregate, 3);
        // Content and chain hashes recomputed from the edit on, as the trigger would: the chain verifies, the
        // aggregate's head no longer hashes to what the signed checkpoint holds.
        assertBrokenAt(head.globalIndex(), aggregate, 3L, "root-mismatch", rowsOf(edited), dba -> {
            dba.update("update domain_event_entry set payload = convert_to('{\"days\":99}', 'UTF8') "
                    + "where global_index = ?", edited.globalIndex());
            byte[] previous = dba.queryForObject("select chain_hash from domain_event_entry "
                    + "where aggregate_identifier = ? and sequence_number = 0", byte[].class, aggregate);
            for (long sequence = 1; sequence <= 3; sequence++) {
                previous = dba.queryForObject("""
                        update domain_event_entry e
                        set content_hash = event_content_hash(e.event_identifier, e.aggregate_identifier,
                                e.sequence_number, e.type, e.payload_type, e.payload_revision, e.payload,
                                e.meta_data, e.time_stamp),
                            chain_hash = sha256(?::bytea || event_content_hash(e.event_identifier,
                                e.aggregate_identifier, e.sequence_number, e.type, e.payload_type,
                                e.payload_revision, e.payload, e.meta_data, e.time_stamp))
                        where aggregate_identifier = ? and sequence_number = ?
                        returning chain_hash""", byte[].class, previous, aggregate, sequence);
            }
        });
    }

    @Test
    void aCheckpointNeverCoversAnIndexWhoseTransactionIsStillOpen() throws Exception {
        String slow = id("slow") + ":ANNUAL:2031";
        try (java.sql.Connection open = jdbc.getDataSource().getConnection()) {
            open.setAutoCommit(false);
            long held;
            try (var insert = open.prepareStatement("""
                    insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                        payload_type, payload_revision, payload, meta_data, time_stamp)
                    select ?, 0, type, gen_random_uuid()::text, payload_type, payload_revision, payload, meta_data,
                           time_stamp
                    from domain_event_entry where aggregate_identifier = ? and sequence_number = 0
                    returning global_index""")) {
                insert.setString(1, slow);
                insert.setString(2, template);
                try (var result = insert.executeQuery()) {
                    result.next();
                    held = result.getLong(1);
                }
            }
            // Commands commit above the open transaction's index...
            registerTeam(id("after-m"), id("after-e"));
            assertThat(jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class))
                    .isGreaterThan(held);
            // ...and however often it is asked, the writer stays below it.
            for (int attempt = 0; attempt < 5; attempt++) {
                writer.writeNow();
                assertThat(latestCheckpoint().position()).isLessThan(held);
            }

            open.commit();
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                writer.writeNow();
                return latestCheckpoint().position() > held;
            });
        }
        JsonNode report = integrity();
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("VERIFIED");
        assertThat(jdbc.queryForObject("select count(*) from ledger_integrity.checkpoint_head "
                + "where aggregate_identifier = ?", Long.class, slow)).isEqualTo(1);
    }

    @Test
    void checkpointsSignedBeforeAndAfterAKeyRotationBothVerify() {
        // Key A signed a checkpoint and was registered then...
        JdbcTemplate notary = new JdbcTemplate(new DriverManagerDataSource(url, "leave_ledger_notary",
                System.getenv().getOrDefault("LEDGER_NOTARY_DB_PASSWORD", "leave_ledger_notary")));
        CheckpointSigner earlier = EARLIER_KEY;
        notary.update("insert into ledger_integrity.signing_key (key_id, algorithm, public_key, activated_at) "
                + "values (?, 'Ed25519', ?, now()) on conflict do nothing", earlier.keyId(),
                earlier.publicKey().getEncoded());
        Checkpoint latest = latestCheckpoint();
        Checkpoint byA = new Checkpoint(latest.number() + 1, latest.position(), latest.eventCount(),
                latest.aggregateCount(), latest.headsRoot(), latest.hash(), Instant.now(), "", new byte[0])
                .signedWith(earlier);
        notary.update("insert into ledger_integrity.checkpoint (number, position, event_count, aggregate_count, "
                        + "heads_root, previous_hash, created_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                byA.number(), byA.position(), byA.eventCount(), byA.aggregateCount(), byA.headsRoot(),
                byA.previousHash(), Timestamp.from(byA.createdAt()), byA.keyId(), byA.signature());

        // ...then the service's key B took over (its id is not A's), and signs the next one.
        assertThat(writer.keyId()).isEqualTo(CURRENT_KEY.keyId()).isNotEqualTo(earlier.keyId());
        String manager = id("rotation-m");
        String employee = id("rotation-e");
        registerTeam(manager, employee);
        await().atMost(Duration.ofMinutes(1)).until(() -> writer.writeNow().isPresent()
                || latestCheckpoint().number() > byA.number());

        List<String> keys = jdbc.queryForList("select key_id from ledger_integrity.checkpoint where number >= ? "
                + "order by number", String.class, byA.number());
        assertThat(keys).startsWith(earlier.keyId(), CURRENT_KEY.keyId());
        JsonNode report = integrity();
        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("VERIFIED");
    }

    private void assertBrokenAt(long globalIndex, String aggregate, Long sequence, String reason, List<Long> touched,
                                Consumer<JdbcTemplate> tamper) {
        assertBrokenAt(globalIndex, aggregate, sequence, reason, touched, true, tamper);
    }

    /**
     * The superuser keeps a copy of the rows at {@code touched}, commits the tampering (with the table's triggers
     * silenced, or through them), the service verifies, and the superuser puts those rows back exactly, whatever
     * happened in between.
     */
    private void assertBrokenAt(long globalIndex, String aggregate, Long sequence, String reason, List<Long> touched,
                                boolean silenceTriggers, Consumer<JdbcTemplate> tamper) {
        if (dba == null) {
            Assumptions.abort("no superuser to tamper with (CI=true would fail): " + noDba);
        }
        awaitPublished();
        dba.keep(touched);
        IntegrityReport report;
        try {
            dba.commit(silenceTriggers, tamper);
            report = verification.verify();
        } finally {
            dba.restore(touched);
        }

        assertThat(report.status()).as(report.toString()).isEqualTo(IntegrityReport.Status.BROKEN);
        assertThat(report.firstBreak()).as(report.toString())
                .isEqualTo(new IntegrityReport.FirstBreak(globalIndex, aggregate, sequence, reason));
        assertThat(report.eventsChecked()).isGreaterThanOrEqualTo(seededEvents);
        assertThat(dba.differences(touched)).as("rows differing from before the tampering").isZero();
        assertThat(integrity().path("status").asText()).as("after the restore").isEqualTo("VERIFIED");
    }

    /** The Kafka publisher has published every stored event. */
    private void awaitPublished() {
        await().atMost(Duration.ofMinutes(2)).until(() -> publication.sampleOnce().lag() == 0);
    }

    /** Every row of the event's aggregate. */
    private List<Long> rowsOf(Row row) {
        return jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ?",
                Long.class, row.aggregate());
    }

    private Checkpoint latestCheckpoint() {
        List<Checkpoint> latest = jdbc.query("""
                select number, position, event_count, aggregate_count, heads_root, previous_hash, created_at, key_id,
                       signature
                from ledger_integrity.checkpoint order by number desc limit 1""",
                (row, i) -> new Checkpoint(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4),
                        row.getBytes(5), row.getBytes(6), row.getTimestamp(7).toInstant(), row.getString(8),
                        row.getBytes(9)));
        return latest.isEmpty() ? null : latest.get(0);
    }

    private Row row(String aggregate, long sequence) {
        return new Row(aggregate, jdbc.queryForObject("select global_index from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = ?", Long.class, aggregate, sequence));
    }

    private record Row(String aggregate, long globalIndex) {
    }
}
