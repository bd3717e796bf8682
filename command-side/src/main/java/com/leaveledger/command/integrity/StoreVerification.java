package com.leaveledger.command.integrity;

import com.leaveledger.verifier.ChainVerifier;
import com.leaveledger.verifier.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the whole store in {@code (aggregate, sequence)} order through a server-side cursor (the driver streams only
 * inside a transaction) and feeds it to a {@link ChainVerifier}: constant memory, one pass over the unique index.
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

    public StoreVerification(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public IntegrityReport verify() {
        ChainVerifier verifier = new ChainVerifier();
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(EVENTS, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            return statement;
        }, (ResultSet row) -> verifier.accept(event(row))));
        return IntegrityReport.of(verifier, 0);
    }

    private static StoredEvent event(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4), row.getString(5),
                row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9), row.getString(10),
                row.getBytes(11), row.getBytes(12));
    }
}
