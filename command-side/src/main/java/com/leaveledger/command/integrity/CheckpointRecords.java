package com.leaveledger.command.integrity;

import com.leaveledger.verifier.Checkpoint;
import com.leaveledger.verifier.Head;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows of schema {@code ledger_integrity}: read through either connection (the service's role may
 * {@code SELECT}), written through the notary's only.
 */
final class CheckpointRecords {

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

    void insert(JdbcTemplate notary, Checkpoint checkpoint) {
        notary.update("insert into " + schema + ".checkpoint (number, position, event_count, aggregate_count, "
                        + "heads_root, previous_hash, created_at, key_id, signature) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                checkpoint.number(), checkpoint.position(), checkpoint.eventCount(), checkpoint.aggregateCount(),
                checkpoint.headsRoot(), checkpoint.previousHash(), Timestamp.from(checkpoint.createdAt()),
                checkpoint.keyId(), checkpoint.signature());
    }

    /** The latest checkpoint's heads in {@link Head#CANONICAL_ORDER} (the column's collation is "C"). */
    void forEachHead(JdbcTemplate jdbc, Consumer<Head> each) {
        jdbc.query("select aggregate_identifier, sequence_number, chain_hash, global_index from " + schema
                        + ".checkpoint_head order by aggregate_identifier",
                (ResultSet row) -> each.accept(new Head(row.getString(1), row.getLong(2), row.getBytes(3),
                        row.getLong(4))));
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
