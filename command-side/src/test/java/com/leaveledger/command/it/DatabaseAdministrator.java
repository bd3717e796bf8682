package com.leaveledger.command.it;

import java.util.Collection;
import java.util.function.Consumer;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A PostgreSQL superuser on a connection of its own to the test database: the database administrator of the threat
 * model (docs/adr/0033, section 4), for {@link IntegrityTamperingIT}. {@code scripts/ledger test} creates the role
 * ({@code LEDGER_TEST_DBA_USER} / {@code LEDGER_TEST_DBA_PASSWORD}, both {@code leave_ledger_dba} by default); nothing
 * else does, {@code scripts/ledger up} included.
 * <p>
 * It edits with {@code SET LOCAL session_replication_role = replica}, which only a superuser may set: the table's
 * ordinary triggers (append-only, chaining) stay silent for that one transaction, while the service's own inserts go
 * on being chained. Before tampering it copies the rows it will touch into a temporary table of its session, and
 * afterwards puts exactly those back.
 */
final class DatabaseAdministrator implements AutoCloseable {

    static final String USER = System.getenv().getOrDefault("LEDGER_TEST_DBA_USER", "leave_ledger_dba");
    private static final String PASSWORD = System.getenv().getOrDefault("LEDGER_TEST_DBA_PASSWORD", "leave_ledger_dba");
    private static final String ORIGINALS = "pg_temp.tampered_originals";

    private final SingleConnectionDataSource connection;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    private DatabaseAdministrator(SingleConnectionDataSource connection) {
        this.connection = connection;
        this.jdbc = new JdbcTemplate(connection);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(connection));
    }

    /**
     * Logs in to the database at {@code url}, searching {@code schema} first.
     *
     * @throws IllegalStateException when the role cannot log in or is not a superuser
     */
    static DatabaseAdministrator connect(String url, String schema) {
        SingleConnectionDataSource connection = new SingleConnectionDataSource(url, USER, PASSWORD, true);
        connection.setSchema(schema);
        DatabaseAdministrator administrator = new DatabaseAdministrator(connection);
        boolean superuser;
        try {
            superuser = Boolean.TRUE.equals(administrator.jdbc.queryForObject(
                    "select rolsuper from pg_roles where rolname = current_user", Boolean.class));
        } catch (RuntimeException e) {
            connection.destroy();
            throw new IllegalStateException("cannot log in to " + url + " as " + USER + " ("
                    + NestedExceptionUtils.getMostSpecificCause(e).getMessage() + "): scripts/ledger test creates "
                    + "this superuser; by hand, as root: runuser -u postgres -- psql -c \"CREATE ROLE " + USER
                    + " LOGIN SUPERUSER PASSWORD '<LEDGER_TEST_DBA_PASSWORD>'\"", e);
        }
        if (!superuser) {
            connection.destroy();
            throw new IllegalStateException(USER + " logs in to " + url + " but is not a superuser "
                    + "(scripts/ledger test makes it one)");
        }
        return administrator;
    }

    /** Copies the event store's rows at these global indices (those present) to put them back later. */
    void keep(Collection<Long> globalIndices) {
        jdbc.execute("drop table if exists " + ORIGINALS);
        jdbc.update("create temporary table " + ORIGINALS + " as select * from domain_event_entry "
                + "where global_index = any(?)", (Object) globalIndices.toArray(Long[]::new));
    }

    /** Runs {@code tamper} in one committed transaction; with {@code silenceTriggers}, as a replica. */
    void commit(boolean silenceTriggers, Consumer<JdbcTemplate> tamper) {
        transactions.executeWithoutResult(status -> {
            if (silenceTriggers) {
                jdbc.execute("set local session_replication_role = replica");
            }
            tamper.accept(jdbc);
        });
    }

    /** Puts back exactly the rows {@link #keep} copied at these global indices, and deletes any other row there. */
    void restore(Collection<Long> globalIndices) {
        commit(true, dba -> {
            dba.update("delete from domain_event_entry where global_index = any(?)",
                    (Object) globalIndices.toArray(Long[]::new));
            dba.update("insert into domain_event_entry select * from " + ORIGINALS);
        });
    }

    /** Rows at these global indices that differ from the copy {@link #keep} made, either way (0: restored). */
    long differences(Collection<Long> globalIndices) {
        return jdbc.queryForObject("""
                select count(*) from (
                    (select * from domain_event_entry where global_index = any(?) except all select * from %1$s)
                    union all
                    (select * from %1$s except all select * from domain_event_entry where global_index = any(?))
                ) differing""".formatted(ORIGINALS), Long.class,
                globalIndices.toArray(Long[]::new), globalIndices.toArray(Long[]::new));
    }

    @Override
    public void close() {
        connection.destroy();
    }
}
