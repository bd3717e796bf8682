package com.leaveledger.command.integrity;

import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.Head;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The rows of schema {@code ledger_integrity}: read through either connection (the service's role may
 * {@code SELECT}), written through the notary's only.
 */
final class CheckpointRecords {

    private static final int FETCH_SIZE = 1_000;

    private final String schema;

    CheckpointRecords(String schema) {
        this.schema = schema;
    }

    Checkpoint latest(JdbcTemplate jdbc) {
        List<Checkpoint> latest = jdbc.query(select() + " order by number desc limit 1", CheckpointRecords::checkpoint);
        return latest.isEmpty() ? null : latest.get(0);
    }

    void forEach(JdbcTemplate jdbc, Consumer<Checkpoint> each) {
        jdbc.query(select() + " order by number", (ResultSet row) -> each.accept(checkpoint(row, 0)));
    }

    /** The checkpoints from the last one created before {@code instant} (or from the first) on, in order. */
    void forEachSince(JdbcTemplate jdbc, Instant instant, Consumer<Checkpoint> each) {
        streamed(jdbc, select() + " where number >= coalesce((select max(number) from " + schema
                        + ".checkpoint where created_at < ?), 0) order by number",
                statement -> statement.setObject(1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)),
                row -> each.accept(checkpoint(row, 0)));
    }

    void insert(JdbcTemplate notary, Checkpoint checkpoint) {
        notary.update("insert into " + schema + ".checkpoint (number, position, event_count, aggregate_count, "
                        + "heads_root, previous_hash, created_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                checkpoint.number(), checkpoint.position(), checkpoint.eventCount(), checkpoint.aggregateCount(),
                checkpoint.headsRoot(), checkpoint.previousHash(), Timestamp.from(checkpoint.createdAt()),
                checkpoint.keyId(), checkpoint.signature());
    }

    /** The latest checkpoint's heads in {@link Head#CANONICAL_ORDER} (the column's collation is "C"). */
    void forEachHead(JdbcTemplate jdbc, Consumer<Head> each) {
        streamed(jdbc, "select aggregate_identifier, sequence_number, chain_hash, global_index from " + schema
                        + ".checkpoint_head order by aggregate_identifier", statement -> { },
                row -> each.accept(new Head(row.getString(1), row.getLong(2), row.getBytes(3), row.getLong(4))));
    }

    /** Through a server-side cursor when inside a transaction (the driver fetches everything at once outside one). */
    private static void streamed(JdbcTemplate jdbc, String sql, ParameterSetter parameters, RowCallbackHandler each) {
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            parameters.set(statement);
            return statement;
        }, each);
    }

    @FunctionalInterface
    private interface ParameterSetter {
        void set(PreparedStatement statement) throws SQLException;
    }

    void upsertHeads(JdbcTemplate notary, List<Head> heads) {
        notary.batchUpdate("insert into " + schema + ".checkpoint_head (aggregate_identifier, sequence_number, "
                        + "chain_hash, global_index) values (?, ?, ?, ?) on conflict (aggregate_identifier) do update "
                        + "set sequence_number = excluded.sequence_number, chain_hash = excluded.chain_hash, "
                        + "global_index = excluded.global_index", heads, heads.size(),
                (statement, head) -> {
                    statement.setString(1, head.aggregateId());
                    statement.setLong(2, head.sequenceNumber());
                    statement.setBytes(3, head.chainHash());
                    statement.setLong(4, head.globalIndex());
                });
    }

    /** Every registered public key (X.509 DER) by the id it was registered under. */
    List<RegisteredKey> keys(JdbcTemplate jdbc) {
        return jdbc.query("select key_id, public_key from " + schema + ".signing_key order by activated_at",
                (row, i) -> new RegisteredKey(row.getString(1), row.getBytes(2)));
    }

    void register(JdbcTemplate notary, String keyId, byte[] publicKey) {
        notary.update("insert into " + schema + ".signing_key (key_id, algorithm, public_key, activated_at) "
                + "values (?, 'Ed25519', ?, now()) on conflict (key_id) do nothing", keyId, publicKey);
        notary.update("update " + schema + ".signing_key set retired_at = now() "
                + "where key_id <> ? and retired_at is null", keyId);
    }

    record RegisteredKey(String keyId, byte[] publicKey) {
    }

    private String select() {
        return "select number, position, event_count, aggregate_count, heads_root, previous_hash, created_at, key_id, "
                + "signature from " + schema + ".checkpoint";
    }

    private static Checkpoint checkpoint(ResultSet row, int i) throws SQLException {
        return new Checkpoint(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getBytes(5),
                row.getBytes(6), row.getTimestamp(7).toInstant(), row.getString(8), row.getBytes(9));
    }
}
