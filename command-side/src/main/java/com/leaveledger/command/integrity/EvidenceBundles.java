package com.leaveledger.command.integrity;

import com.leaveledger.verifier.BundleWriter;
import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.CheckpointKeys;
import com.leaveledger.verifier.Head;
import com.leaveledger.verifier.MerkleInclusion;
import com.leaveledger.verifier.StoredEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes an employee's evidence bundle (docs/adr/0033, section 6; the format: docs/bundle-format.md) in one read-only
 * repeatable-read transaction of the service's role, so that the checkpoints, the latest one's heads and the events
 * are one snapshot: every event at or below a checkpoint's position committed before the checkpoint was written.
 * <p>
 * In that order: the header with the trusted public keys; the checkpoints from the last one created before the
 * period on (their chain); the employee's aggregates' heads at the latest checkpoint with their inclusion proofs,
 * from one ordered pass over {@code ledger_integrity.checkpoint_head}; then every event of each aggregate through a
 * server-side cursor, in full when its timestamp is in the period, else as a digest. Memory: the employee's
 * aggregate ids and their proofs, never an event.
 */
@Component
public class EvidenceBundles {

    private static final Logger log = LoggerFactory.getLogger(EvidenceBundles.class);
    static final int FETCH_SIZE = 1_000;
    /** Index {@code domain_event_entry_owner} (Flyway V7): the expression and the predicate as indexed. */
    private static final String AGGREGATES = """
            select aggregate_identifier from domain_event_entry
            where sequence_number = 0 and ledger_event_owner(type, aggregate_identifier, payload) = ?
            order by aggregate_identifier collate "C"
            """;
    private static final String EVENTS = """
            select global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type,
                   payload_revision, payload, meta_data, time_stamp, content_hash, chain_hash
            from domain_event_entry where aggregate_identifier = ? order by sequence_number""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final CheckpointRecords checkpoints;
    private final IntegrityConfiguration.TrustedKeys trustedKeys;
    private final Clock clock;

    EvidenceBundles(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointRecords checkpoints,
                    IntegrityConfiguration.TrustedKeys trustedKeys, Clock clock) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.checkpoints = checkpoints;
        this.trustedKeys = trustedKeys;
        this.clock = clock;
    }

    /** Whether the store holds any aggregate of the employee. */
    public boolean knows(String employeeId) {
        return !jdbc.queryForList(AGGREGATES + " limit 1", String.class, employeeId).isEmpty();
    }

    /** Streams the bundle of the employee's history, disclosing in full the events stamped within [from, to]. */
    public void write(String employeeId, Instant from, Instant to, OutputStream out) throws IOException {
        BundleWriter writer = new BundleWriter(out);
        try {
            snapshot.executeWithoutResult(status -> {
                try {
                    write(employeeId, from, to, writer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void write(String employeeId, Instant from, Instant to, BundleWriter writer) throws IOException {
        List<String> aggregates = jdbc.queryForList(AGGREGATES, String.class, employeeId);
        writer.header(employeeId, from, to, clock.instant(),
                trustedKeys.resolve(checkpoints.keys(jdbc)).all());
        Checkpoint latest = writeCheckpoints(from, writer);
        if (latest != null) {
            writeHeads(latest, new HashSet<>(aggregates), writer);
        }
        for (String aggregate : aggregates) {
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(EVENTS, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH_SIZE);
                statement.setString(1, aggregate);
                return statement;
            }, (ResultSet row) -> {
                StoredEvent event = event(row);
                try {
                    if (within(event.timeStamp(), from, to)) {
                        writer.event(event);
                    } else {
                        writer.digest(event.globalIndex(), event.aggregateIdentifier(), event.sequenceNumber(),
                                event.contentHash());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        writer.end();
    }

    /** The checkpoints from the last one created before {@code from} (or the first) on; returns the latest. */
    private Checkpoint writeCheckpoints(Instant from, BundleWriter writer) {
        Checkpoint[] latest = new Checkpoint[1];
        checkpoints.forEachSince(jdbc, from, checkpoint -> {
            try {
                writer.checkpoint(checkpoint);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            latest[0] = checkpoint;
        });
        return latest[0];
    }

    /**
     * The heads of the employee's aggregates in the latest checkpoint, proven in one pass over its sorted heads. If
     * the heads table does not hash to the signed root, the proofs will not verify: the bundle says so, not us.
     */
    private void writeHeads(Checkpoint latest, Set<String> aggregates, BundleWriter writer) throws IOException {
        MerkleInclusion tree = new MerkleInclusion();
        List<Head> proven = new ArrayList<>();
        List<Long> indices = new ArrayList<>();
        checkpoints.forEachHead(jdbc, head -> {
            boolean prove = aggregates.contains(head.aggregateId());
            long index = tree.add(head.leaf(), prove);
            if (prove) {
                proven.add(head);
                indices.add(index);
            }
        });
        if (tree.leaves() != latest.aggregateCount()
                || !MessageDigest.isEqual(tree.root(), latest.headsRoot())) {
            log.warn("evidence bundle: ledger_integrity.checkpoint_head does not hash to checkpoint {}'s root; "
                    + "the bundle's proofs will not verify (docs/runbooks/verifying-the-ledger.md)", latest.number());
        }
        for (int i = 0; i < proven.size(); i++) {
            writer.head(proven.get(i), indices.get(i), tree.path(indices.get(i)));
        }
    }

    /** Axon stamps events with {@code Instant.toString()}; a stamp that does not parse is outside every period. */
    private static boolean within(String timeStamp, Instant from, Instant to) {
        try {
            Instant at = Instant.parse(timeStamp);
            return !at.isBefore(from) && !at.isAfter(to);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9), row.getString(10),
                row.getBytes(11), row.getBytes(12));
    }
}
