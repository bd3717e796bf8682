package com.leaveledger.query.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The replay of each projection as recorded in {@code projection_replay}: it outlives restarts. */
public class ReplayStore {

    public static final String REBUILDING = "REBUILDING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";

    private final JdbcTemplate jdbc;

    public ReplayStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Replay> find(String projection) {
        return jdbc.query("select * from projection_replay where projection = ?", ReplayStore::map, projection)
                .stream().findFirst();
    }

    /** Locks the projection's row for the rest of the transaction (used by the switch). */
    public Optional<Replay> lock(String projection) {
        return jdbc.query("select * from projection_replay where projection = ? for update", ReplayStore::map,
                projection).stream().findFirst();
    }

    public List<Replay> rebuilding() {
        return jdbc.query("select * from projection_replay where status = ?", ReplayStore::map, REBUILDING);
    }

    /** Starts a replay unless one is running; false if one is. */
    public boolean begin(String projection, String requestedBy) {
        return jdbc.update("insert into projection_replay (projection, status, requested_by, started_at, updated_at) "
                + "values (?, ?, ?, now(), now()) on conflict (projection) do update set status = excluded.status, "
                + "requested_by = excluded.requested_by, started_at = excluded.started_at, finished_at = null, "
                + "events_done = null, detail = null, updated_at = now() "
                + "where projection_replay.status <> ?", projection, REBUILDING, requestedBy, REBUILDING) == 1;
    }

    public void note(String projection, String detail) {
        jdbc.update("update projection_replay set detail = ?, updated_at = now() where projection = ? and status = ?",
                detail, projection, REBUILDING);
    }

    public void finish(String projection, String status, long eventsDone, String detail) {
        jdbc.update("update projection_replay set status = ?, finished_at = now(), events_done = ?, detail = ?, "
                + "updated_at = now() where projection = ?", status, eventsDone, detail, projection);
    }

    private static Replay map(ResultSet rs, int row) throws SQLException {
        long done = rs.getLong("events_done");
        Long eventsDone = rs.wasNull() ? null : done;
        return new Replay(rs.getString("projection"), rs.getString("status"), rs.getString("requested_by"),
                instant(rs, "started_at"), instant(rs, "finished_at"), eventsDone, rs.getString("detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public record Replay(String projection, String status, String requestedBy, Instant startedAt, Instant finishedAt,
                         Long eventsDone, String detail) {

        public boolean rebuilding() {
            return REBUILDING.equals(status);
        }
    }
}
