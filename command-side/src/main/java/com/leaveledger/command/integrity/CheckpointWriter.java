package com.leaveledger.command.integrity;

import com.leaveledger.support.infra.PeriodicTask;
import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.CheckpointSigner;
import com.leaveledger.verifier.Head;
import com.leaveledger.verifier.MerkleRoot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a signed checkpoint (docs/adr/0033, section 3) once {@code everyEvents} events were appended since the last
 * one, or {@code every} has passed and anything was appended; the very first as soon as there is an event. It looks
 * every {@code checkInterval}, holding a transaction-scoped PostgreSQL advisory lock while it writes, so that one
 * instance of several writes each checkpoint. Only events up to a {@link SafePosition} are covered.
 * <p>
 * The heads are kept in {@code ledger_integrity.checkpoint_head}: a checkpoint reads from the event store only the
 * events appended since the last one (an index range), and then hashes every aggregate's head in one ordered pass
 * over that table.
 */
public class CheckpointWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointWriter.class);
    /** pg_try_advisory_xact_lock key of the writer: "LLCHKPT1". */
    static final long LOCK = 0x4c4c43484b505431L;
    private static final int BATCH = 1_000;
    private static final String APPENDED = """
            select count(*) from domain_event_entry where global_index > ? and global_index <= ?""";
    private static final String NEW_HEADS = """
            select distinct on (aggregate_identifier) aggregate_identifier, sequence_number, chain_hash, global_index
            from domain_event_entry where global_index > ? and global_index <= ?
            order by aggregate_identifier, sequence_number desc""";

    private final JdbcTemplate events;
    private final TransactionTemplate eventsReadOnly;
    private final NotaryDatabase notary;
    private final CheckpointRecords records;
    private final CheckpointSigner signer;
    private final IntegrityProperties.Checkpoints settings;
    private final Clock clock;
    private final SafePosition safePosition;
    private final PeriodicTask task;
    private boolean failing;

    CheckpointWriter(JdbcTemplate events, TransactionTemplate eventsReadOnly, NotaryDatabase notary,
                     CheckpointRecords records, CheckpointSigner signer, IntegrityProperties.Checkpoints settings,
                     Clock clock) {
        this.events = events;
        this.eventsReadOnly = eventsReadOnly;
        this.notary = notary;
        this.records = records;
        this.signer = signer;
        this.settings = settings;
        this.clock = clock;
        this.safePosition = new SafePosition(events);
        this.task = new PeriodicTask("checkpoint-writer", settings.checkInterval(), settings.checkInterval(),
                this::round);
    }

    /** Registers the signing key's public half (a new key retires the previous ones; they stay for verification). */
    void registerKey() {
        notary.transactions().executeWithoutResult(status ->
                records.register(notary.jdbc(), signer.keyId(), signer.publicKey().getEncoded()));
    }

    public String keyId() {
        return signer.keyId();
    }

    /** A checkpoint if one is due and the safe position moved past the last one's. */
    public Optional<Checkpoint> writeIfDue() {
        return write(false);
    }

    /** A checkpoint now, whether due or not, if the safe position moved past the last one's (tests, operators). */
    public Optional<Checkpoint> writeNow() {
        return write(true);
    }

    private synchronized Optional<Checkpoint> write(boolean force) {
        Long position = safePosition.next();
        if (position == null) {
            return Optional.empty();
        }
        return notary.transactions().execute(status -> {
            JdbcTemplate jdbc = notary.jdbc();
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return Optional.<Checkpoint>empty();
            }
            Checkpoint latest = records.latest(jdbc);
            long from = latest == null ? 0 : latest.position();
            if (position <= from) {
                return Optional.<Checkpoint>empty();
            }
            Long appended = events.queryForObject(APPENDED, Long.class, from, position);
            if (appended == null || appended == 0) {
                return Optional.<Checkpoint>empty();
            }
            Instant now = clock.instant();
            boolean due = force || latest == null || appended >= settings.everyEvents()
                    || !latest.createdAt().plus(settings.every()).isAfter(now);
            if (!due) {
                return Optional.<Checkpoint>empty();
            }
            updateHeads(from, position);
            MerkleRoot root = new MerkleRoot();
            records.forEachHead(jdbc, head -> root.add(head.leaf()));
            Checkpoint checkpoint = new Checkpoint(latest == null ? 0 : latest.number() + 1, position,
                    (latest == null ? 0 : latest.eventCount()) + appended, root.leaves(), root.root(),
                    latest == null ? Checkpoint.GENESIS : latest.hash(), now, signer.keyId(), new byte[0])
                    .signedWith(signer);
            records.insert(jdbc, checkpoint);
            log.debug("checkpoint {}", checkpoint);
            return Optional.of(checkpoint);
        });
    }

    private void updateHeads(long from, long to) {
        List<Head> batch = new ArrayList<>(BATCH);
        eventsReadOnly.executeWithoutResult(status -> events.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(NEW_HEADS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(BATCH);
            statement.setLong(1, from);
            statement.setLong(2, to);
            return statement;
        }, (ResultSet row) -> {
            batch.add(new Head(row.getString(1), row.getLong(2), row.getBytes(3), row.getLong(4)));
            if (batch.size() == BATCH) {
                records.upsertHeads(notary.jdbc(), batch);
                batch.clear();
            }
        }));
        if (!batch.isEmpty()) {
            records.upsertHeads(notary.jdbc(), batch);
        }
    }

    private void round() {
        try {
            writeIfDue();
            if (failing) {
                log.info("checkpoint writer: writing works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("checkpoint writer: no checkpoint written, retrying every {}: {}",
                        settings.checkInterval(), e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void start() {
        registerKey();
        task.start();
        log.info("checkpoint writer: signing with key {}, a checkpoint every {} events or {} (checked every {})",
                signer.keyId(), settings.everyEvents(), settings.every(), settings.checkInterval());
    }

    @Override
    public void stop() {
        try {
            task.stopAndWait(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
