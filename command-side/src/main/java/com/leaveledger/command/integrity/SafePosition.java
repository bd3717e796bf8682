package com.leaveledger.command.integrity;

import java.sql.Array;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The highest global index at or below which no transaction can still commit an event (docs/adr/0033, section 3).
 * <p>
 * A global index is taken by {@code nextval} when the event's row is inserted, and {@code nextval} holds a
 * {@code RowExclusiveLock} on the sequence until its transaction ends. So: read the sequence's last value
 * {@code L}, then the transactions holding that lock; every transaction that took an index ≤ {@code L} and has not
 * ended is among them. Once all of them have ended (their virtual transaction ids are gone from {@code pg_locks}),
 * every index ≤ {@code L} is either committed or will never be used. No time-out is guessed and no gap is waited for:
 * a long transaction holds the position back for as long as it runs, never longer.
 */
final class SafePosition {

    private static final String LAST_VALUE =
            "select case when is_called then last_value else last_value - 1 end from domain_event_entry_seq";
    private static final String HOLDERS = """
            select virtualtransaction from pg_locks
            where locktype = 'relation' and mode = 'RowExclusiveLock'
              and database = (select oid from pg_database where datname = current_database())
              and relation = 'domain_event_entry_seq'::regclass and pid is distinct from pg_backend_pid()""";
    private static final String STILL_RUNNING =
            "select count(*) from pg_locks where locktype = 'virtualxid' and virtualxid = any(?)";

    private final JdbcTemplate jdbc;
    private Candidate pending;

    SafePosition(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A position that is safe now, or {@code null} when the one observed last is still waiting for transactions
     * (asked again, it is safe once they ended). Observes the next candidate as it goes.
     */
    synchronized Long next() {
        Candidate candidate = pending != null ? pending : observe();
        if (!settled(candidate)) {
            pending = candidate;
            return null;
        }
        pending = null;
        return candidate.position();
    }

    private Candidate observe() {
        Long last = jdbc.queryForObject(LAST_VALUE, Long.class);
        List<String> holders = jdbc.queryForList(HOLDERS, String.class);
        return new Candidate(last == null ? 0 : last, holders);
    }

    private boolean settled(Candidate candidate) {
        if (candidate.holders().isEmpty()) {
            return true;
        }
        Long running = jdbc.execute((java.sql.Connection connection) -> {
            Array ids = connection.createArrayOf("text", candidate.holders().toArray());
            try (var statement = connection.prepareStatement(STILL_RUNNING)) {
                statement.setArray(1, ids);
                try (var result = statement.executeQuery()) {
                    result.next();
                    return result.getLong(1);
                }
            }
        });
        return running != null && running == 0;
    }

    private record Candidate(long position, List<String> holders) {
    }
}
