package com.leaveledger.query.projection;

import com.leaveledger.support.persistence.StorableText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a projection's read-model rows inside the transaction of the processor's batch, the same transaction that
 * stores the processor's token.
 * <p>
 * <b>Fast path.</b> A handler computes its rows and hands them over in one {@link #apply} call; the rows are kept with
 * the unit of work and written just before it commits, one JDBC batch per statement, statements in the order the
 * projection declared them (so an insert always runs before the updates of the same batch).
 * <p>
 * <b>Careful path.</b> If that write fails, the batch rolls back and the processor retries it. For
 * {@code careful-window} after such a failure every event's rows are written at once, inside a savepoint: when the
 * database refuses one event's rows (a data or constraint error, or a trigger's exception) the savepoint is rolled back
 * and {@link RefusedWriteException} sends just that event to the dead-letter queue while the batch goes on. Any other
 * failure (connection lost, deadlock, missing table) is not the event's fault: {@link TransientWriteException}, never
 * dead-lettered, and the batch fails at commit so it is retried as a whole.
 * <p>
 * Every string is written as {@link StorableText}: a NUL, which PostgreSQL's text columns refuse, is stored as
 * {@code ␀}, so an event with one in a name or a reason is applied like any other (docs/adr/0031-poison-events.md).
 */
public final class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    /** SQLSTATE classes that mean "this event's data was refused": data exception, constraint, raise_exception. */
    private static final Set<String> REFUSED_CLASSES = Set.of("22", "23", "P0");
    /** Rows per multi-row insert: 250 rows of 15 columns stay far below PostgreSQL's 65,535 bind parameters. */
    static final int ROWS_PER_INSERT = 250;

    private final String name;
    private final DataSource dataSource;
    private final Duration carefulWindow;
    private final List<Statement> statements = new ArrayList<>();
    private final String resourceKey;
    private final AtomicLong carefulUntil = new AtomicLong();

    public ProjectionWriter(String name, DataSource dataSource, Duration carefulWindow) {
        this.name = name;
        this.dataSource = dataSource;
        this.carefulWindow = carefulWindow;
        this.resourceKey = ProjectionWriter.class.getName() + "/" + name + "/" + System.identityHashCode(this);
    }

    /** Declares a statement; at commit, statements run in the order they were declared. */
    public Statement statement(String sql) {
        Statement statement = new Statement(statements.size(), sql, null);
        statements.add(statement);
        return statement;
    }

    /**
     * Declares an {@code insert … values (…) [on conflict … do nothing]} whose batch is written as multi-row inserts
     * ({@value #ROWS_PER_INSERT} rows per statement) instead of one execution per row: PostgreSQL plans and runs
     * one statement for many rows. Only for inserts that never update a row (a multi-row {@code do update} fails
     * when two rows of one statement hit the same key); the careful path still writes row by row.
     */
    public Statement multiRowInsert(String sql) {
        Statement statement = new Statement(statements.size(), sql, MultiRow.of(sql));
        statements.add(statement);
        return statement;
    }

    /** The rows of one event: written at the batch's commit, or right now inside a savepoint when careful. */
    public void apply(Write... writes) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("projection " + name + " writes outside a unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Batch batch = unitOfWork.getOrComputeResource(resourceKey, key -> {
            Batch fresh = new Batch(statements.size());
            unitOfWork.onPrepareCommit(u -> flush(fresh));
            return fresh;
        });
        if (careful()) {
            writeNow(batch, writes);
        } else {
            for (Write write : writes) {
                batch.rows.get(write.statement().index()).add(write.args());
            }
        }
    }

    public String name() {
        return name;
    }

    /** True while events are written one by one (after a failed batch). */
    public boolean careful() {
        return System.nanoTime() - carefulUntil.get() < 0;
    }

    private void enterCarefulMode(Exception cause) {
        carefulUntil.set(System.nanoTime() + carefulWindow.toNanos());
        log.warn("projection {}: writing a batch failed ({}); writing event by event for {}", name,
                cause.getMessage(), carefulWindow);
    }

    private void flush(Batch batch) {
        if (batch.failure != null) {
            throw new TransientWriteException(name, batch.failure);
        }
        if (batch.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            for (Statement statement : statements) {
                List<Object[]> rows = batch.rows.get(statement.index());
                if (rows.isEmpty()) {
                    continue;
                }
                if (statement.multiRow() != null) {
                    insertMultiRow(connection, statement.multiRow(), rows);
                    continue;
                }
                try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                    for (Object[] row : rows) {
                        bind(prepared, row, 0);
                        prepared.addBatch();
                    }
                    prepared.executeBatch();
                }
            }
        } catch (SQLException e) {
            enterCarefulMode(e);
            throw new TransientWriteException(name, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void insertMultiRow(Connection connection, MultiRow insert, List<Object[]> rows)
            throws SQLException {
        int full = rows.size() / ROWS_PER_INSERT;
        if (full > 0) {
            try (PreparedStatement prepared = connection.prepareStatement(insert.sql(ROWS_PER_INSERT))) {
                for (int chunk = 0; chunk < full; chunk++) {
                    bindRows(prepared, rows.subList(chunk * ROWS_PER_INSERT, (chunk + 1) * ROWS_PER_INSERT));
                    prepared.addBatch();
                }
                prepared.executeBatch();
            }
        }
        List<Object[]> rest = rows.subList(full * ROWS_PER_INSERT, rows.size());
        if (!rest.isEmpty()) {
            try (PreparedStatement prepared = connection.prepareStatement(insert.sql(rest.size()))) {
                bindRows(prepared, rest);
                prepared.executeUpdate();
            }
        }
    }

    private static void bindRows(PreparedStatement prepared, List<Object[]> rows) throws SQLException {
        int offset = 0;
        for (Object[] row : rows) {
            bind(prepared, row, offset);
            offset += row.length;
        }
    }

    private void writeNow(Batch batch, Write[] writes) {
        if (batch.failure != null) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = null;
        try {
            savepoint = connection.setSavepoint();
            for (Write write : writes) {
                try (PreparedStatement prepared = connection.prepareStatement(write.statement().sql())) {
                    bind(prepared, write.args(), 0);
                    prepared.executeUpdate();
                }
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            rollbackTo(connection, savepoint);
            String state = e.getSQLState();
            if (state != null && state.length() >= 2 && REFUSED_CLASSES.contains(state.substring(0, 2))) {
                throw new RefusedWriteException(name, e);
            }
            batch.failure = e;
            throw new TransientWriteException(name, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static void rollbackTo(Connection connection, Savepoint savepoint) {
        if (savepoint == null) {
            return;
        }
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            log.warn("rolling back to a savepoint failed; the batch will fail and be retried", e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] args, int offset) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object value = args[i];
            int position = offset + i + 1;
            if (value == null) {
                statement.setNull(position, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(position, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(position, constant.name());
            } else if (value instanceof String text) {
                statement.setString(position, StorableText.of(text));
            } else {
                statement.setObject(position, value);
            }
        }
    }

    /** {@code head values (tuple), (tuple), … tail}: an insert split around its single values tuple. */
    record MultiRow(String head, String tuple, String tail) {

        static MultiRow of(String sql) {
            String lower = sql.toLowerCase(java.util.Locale.ROOT);
            int values = lower.indexOf(" values (");
            int open = values + " values ".length();
            int close = sql.indexOf(')', open);
            if (!lower.startsWith("insert ") || values < 0 || close < 0 || lower.contains(" do update ")
                    || lower.indexOf(" values (", close) >= 0) {
                throw new IllegalArgumentException("not a single-tuple insert without do update: " + sql);
            }
            return new MultiRow(sql.substring(0, values), sql.substring(open, close + 1), sql.substring(close + 1));
        }

        String sql(int rows) {
            StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (tuple.length() + 2) + 8)
                    .append(head).append(" values ");
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "" : ", ").append(tuple);
            }
            return sql.append(tail).toString();
        }
    }

    /** A declared SQL statement of the projection; {@code multiRow} when written as multi-row inserts. */
    public record Statement(int index, String sql, MultiRow multiRow) {

        public Write with(Object... args) {
            return new Write(this, args);
        }
    }

    /** One row change: a statement and its arguments. */
    public record Write(Statement statement, Object[] args) {
    }

    private static final class Batch {

        private final List<List<Object[]>> rows;
        private SQLException failure;

        private Batch(int statements) {
            rows = new ArrayList<>(statements);
            for (int i = 0; i < statements; i++) {
                rows.add(new ArrayList<>());
            }
        }

        private boolean isEmpty() {
            return rows.stream().allMatch(List::isEmpty);
        }
    }
}
