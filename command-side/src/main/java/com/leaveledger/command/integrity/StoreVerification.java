package com.leaveledger.command.integrity;

import com.leaveledger.verifier.Breaks;
import com.leaveledger.verifier.ChainVerifier;
import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.CheckpointVerifier;
import com.leaveledger.verifier.Head;
import com.leaveledger.verifier.HeadsAtPosition;
import com.leaveledger.verifier.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies the store (docs/adr/0033, section 4) in one read-only transaction of the service's role: first every
 * checkpoint (signature by a trusted key, chain), then the whole store in {@code (aggregate, sequence)} order through
 * a server-side cursor (the driver streams only inside a transaction) into a {@link ChainVerifier}, collecting on
 * the way each aggregate's head at the latest checkpoint's position, whose root and count are then checked against
 * that checkpoint. Checkpoints are read first: every event at or below a checkpoint's position committed before the
 * checkpoint was written, so the later statement sees all of them. Memory: one head per aggregate, no event.
 */
@Component
public class StoreVerification {

    static final int FETCH_SIZE = 1_000;
    private static final String EVENTS = """
            select global_index, event_identifier, aggregate_identifier, sequence_number, type, payload_type,
                   payload_revision, payload, meta_data, time_stamp, content_hash, chain_hash
            from domain_event_entry
            order by aggregate_identifier, sequence_number""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final CheckpointRecords checkpoints;
    private final IntegrityConfiguration.TrustedKeys trustedKeys;

    StoreVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions, CheckpointRecords checkpoints,
                      IntegrityConfiguration.TrustedKeys trustedKeys) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.checkpoints = checkpoints;
        this.trustedKeys = trustedKeys;
    }

    public IntegrityReport verify() {
        return readOnly.execute(status -> {
            CheckpointVerifier signed = new CheckpointVerifier(trustedKeys.resolve(checkpoints.keys(jdbc)));
            checkpoints.forEach(jdbc, signed::accept);
            Checkpoint latest = signed.latest();
            HeadsAtPosition heads = latest == null ? null : new HeadsAtPosition(latest.position());
            ChainVerifier chain = new ChainVerifier();
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(EVENTS, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(FETCH_SIZE);
                return statement;
            }, (ResultSet row) -> {
                StoredEvent event = event(row);
                chain.accept(event);
                if (heads != null) {
                    heads.accept(event);
                }
            });
            Breaks breaks = new Breaks();
            breaks.addAll(chain.breaks());
            breaks.addAll(signed.breaks());
            if (latest != null) {
                heads.check(latest, this::checkpointHeads).forEach(breaks::add);
            }
            return IntegrityReport.of(chain.eventsChecked(), signed.checked(), breaks.count(), breaks.first());
        });
    }

    private List<Head> checkpointHeads() {
        List<Head> heads = new ArrayList<>();
        checkpoints.forEachHead(jdbc, heads::add);
        return heads;
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9), row.getString(10),
                row.getBytes(11), row.getBytes(12));
    }
}
