package com.leaveledger.notification.directory;

import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import com.leaveledger.support.persistence.StorableText;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Keeps {@code employee_directory}: who can be reached how. Read from Kafka; an upsert, so a redelivered or
 * replayed registration changes nothing. A reset re-applies every registration over the rows in place: the table
 * is never emptied, so deliveries never miss a contact while it is rebuilt. The row of an erased employee is never
 * written again ({@code SubjectErasure}, in the same processor).
 * <p>
 * Poison events (docs/adr/0031-poison-events.md): text is written as {@link StorableText} (a NUL becomes
 * {@code ␀}). A row the database still refuses for its data (SQLSTATE class 22, 23 or a trigger's P0) is rolled
 * back to a savepoint and {@link RefusedRowException} sends the event to the processor's dead-letter queue, under
 * its employee; any other database error leaves the transaction failed, so the batch is retried.
 */
@ProcessingGroup(EmployeeDirectoryProjection.PROCESSING_GROUP)
public class EmployeeDirectoryProjection {

    public static final String PROCESSING_GROUP = "employee-directory";
    private static final Set<String> REFUSED_CLASSES = Set.of("22", "23", "P0");

    private final JdbcTemplate jdbc;
    private final EmployeeDirectory directory;

    public EmployeeDirectoryProjection(JdbcTemplate jdbc, EmployeeDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @EventHandler
    public void on(EmployeeRegisteredEvent event, @MessageIdentifier String eventId) {
        String id = StorableText.of(event.employeeId().value());
        DataSource dataSource = jdbc.getDataSource();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = null;
        try {
            savepoint = connection.setSavepoint();
            jdbc.update("insert into employee_directory (employee_id, name, email, phone, push_token, manager_id, "
                            + "channels, source_event_id, country, subdivision, updated_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) "
                            + "on conflict (employee_id) do update set name = excluded.name, email = excluded.email, "
                            + "phone = excluded.phone, push_token = excluded.push_token, "
                            + "manager_id = excluded.manager_id, channels = excluded.channels, "
                            + "source_event_id = excluded.source_event_id, country = excluded.country, "
                            + "subdivision = excluded.subdivision, updated_at = now() "
                            // an erased employee's row keeps [erased]: a replayed registration writes nothing back
                            + "where employee_directory.erased_at is null",
                    id, StorableText.of(event.name()), StorableText.of(event.email()), StorableText.of(event.phone()),
                    StorableText.of(event.pushToken()),
                    event.managerId() == null ? null : StorableText.of(event.managerId().value()),
                    EmployeeDirectory.formatChannels(event.notificationChannels()), StorableText.of(eventId),
                    StorableText.of(event.country()), StorableText.of(event.subdivision()));
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | org.springframework.dao.DataAccessException e) {
            SQLException sql = sqlException(e);
            String state = sql == null ? null : sql.getSQLState();
            if (savepoint == null || state == null || state.length() < 2
                    || !REFUSED_CLASSES.contains(state.substring(0, 2))) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                throw new IllegalStateException("rolling back to the savepoint failed", e);
            }
            throw new RefusedRowException("employee_directory refused the registration of "
                    + id + ": " + StorableText.of(sql.getMessage()) + " (SQLSTATE " + state + ")", sql);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        directory.evict(id);
    }

    /**
     * A part-time employee's own working days from a date on, for the working-day count of reminders. In event order
     * a change replaces those from its date on, so a replay ends with the same rows.
     */
    @EventHandler
    public void on(WorkingPatternChangedEvent event) {
        String id = StorableText.of(event.employeeId().value());
        jdbc.update("delete from employee_working_days where employee_id = ? and effective_from >= ?", id,
                event.effectiveFrom());
        jdbc.update("insert into employee_working_days (employee_id, effective_from, working_days) values (?, ?, ?)",
                id, event.effectiveFrom(), event.workingDays().stream().map(Enum::name)
                        .collect(java.util.stream.Collectors.joining(",")));
        directory.evict(id);
    }

    private static SQLException sqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }
}
