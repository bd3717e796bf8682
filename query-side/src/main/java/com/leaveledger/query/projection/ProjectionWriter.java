package com.leaveledger.query.projection;

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
 */
public final class ProjectionWriter {

    private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);
    /** SQLSTATE classes that mean "this event's data was refused": data exception, constraint, raise_exception. */
    private static final Set<String> REFUSED_CLASSES = Set.of("22", "23", "P0");

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
        Statement statement = new Statement(statements.size(), sql);
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
                try (PreparedStatement prepared = connection.prepareStatement(statement.sql())) {
                    for (Object[] row : rows) {
                        bind(prepared, row);
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
                    bind(prepared, write.args());
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

    private static void bind(PreparedStatement statement, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object value = args[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof Instant instant) {
                statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (value instanceof Enum<?> constant) {
                statement.setString(i + 1, constant.name());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** A declared SQL statement of the projection. */
    public record Statement(int index, String sql) {

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
