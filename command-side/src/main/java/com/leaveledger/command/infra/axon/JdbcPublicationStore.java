package com.leaveledger.command.infra.axon;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link PublicationStore} on the command side's tables: {@code domain_event_entry} (global index = primary key, so
 * every query here is an index range or lookup) and the publisher's rows of {@code token_entry}, read without
 * claiming them (Axon's token store API would claim the segment).
 */
public class JdbcPublicationStore implements PublicationStore {

    /** Rows looked at for the oldest unpublished event: a late-committed event is among the first ones. */
    private static final int OLDEST_WINDOW = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String processorName;

    public JdbcPublicationStore(JdbcTemplate jdbc, Serializer serializer, String processorName) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processorName = processorName;
    }

    @Override
    public long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    @Override
    public Map<Integer, TrackingToken> storedTokens() {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.query("select segment, token, token_type from token_entry where processor_name = ?", rs -> {
            byte[] token = rs.getBytes("token");
            String type = rs.getString("token_type");
            tokens.put(rs.getInt("segment"), token == null || type == null ? null
                    : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null)));
        }, processorName);
        return tokens;
    }

    @Override
    public Optional<Instant> oldestUnpublished(long position, Collection<Long> gaps) {
        List<String> timestamps = new ArrayList<>(jdbc.queryForList("select min(time_stamp) from (select time_stamp "
                + "from domain_event_entry where global_index > ? order by global_index limit " + OLDEST_WINDOW + ") t",
                String.class, position));
        if (!gaps.isEmpty()) {
            timestamps.addAll(jdbc.query(con -> {
                PreparedStatement statement = con.prepareStatement(
                        "select time_stamp from domain_event_entry where global_index = any(?)");
                statement.setArray(1, bigints(con, gaps));
                return statement;
            }, (rs, row) -> rs.getString(1)));
        }
        return timestamps.stream().filter(t -> t != null).map(JdbcPublicationStore::instant)
                .filter(Optional::isPresent).map(Optional::get).min(Instant::compareTo);
    }

    @Override
    public List<Long> missing(long after, long upTo, int maxRange) {
        if (upTo <= after) {
            return List.of();
        }
        // Consecutive present indices, with the range's own bounds added, reveal the holes between them.
        List<long[]> holes = jdbc.query("""
                select prev + 1, gi - 1 from (
                    select gi, lag(gi) over (order by gi) as prev from (
                        select cast(? as bigint) as gi
                        union all
                        select global_index from domain_event_entry where global_index > ? and global_index <= ?
                        union all
                        select cast(? as bigint) + 1
                    ) present
                ) pairs
                where gi - prev > 1""", (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)},
                after, after, upTo, upTo);
        List<Long> missing = new ArrayList<>();
        for (long[] hole : holes) {
            if (hole[1] - hole[0] + 1 > maxRange) {
                // a jump of the sequence, not events in flight
                continue;
            }
            for (long index = hole[0]; index <= hole[1]; index++) {
                missing.add(index);
            }
        }
        return missing;
    }

    @Override
    public Map<Long, StoredEvent> existing(Collection<Long> globalIndices) {
        Map<Long, StoredEvent> found = new HashMap<>();
        if (globalIndices.isEmpty()) {
            return found;
        }
        jdbc.query(con -> {
            PreparedStatement statement = con.prepareStatement("select global_index, event_identifier, payload_type, "
                    + "aggregate_identifier, time_stamp from domain_event_entry where global_index = any(?)");
            statement.setArray(1, bigints(con, globalIndices));
            return statement;
        }, rs -> {
            long index = rs.getLong(1);
            found.put(index, new StoredEvent(index, rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5)));
        });
        return found;
    }

    private static Array bigints(java.sql.Connection con, Collection<Long> values) throws java.sql.SQLException {
        return con.createArrayOf("bigint", values.toArray(new Long[0]));
    }

    private static Optional<Instant> instant(String timestamp) {
        try {
            return Optional.of(DateTimeUtils.parseInstant(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
