package com.leaveledger.query.employee;

import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.query.projection.LedgerMessage;
import com.leaveledger.query.projection.ProjectionWriter;
import com.leaveledger.query.projection.ProjectionWriter.Statement;
import com.leaveledger.query.projection.TableNames;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * Who reports to whom, names and calendars (country, subdivision, a part-time employee's own working days): the basis
 * of the ownership rules, the team calendar and the escalation of pending approvals.
 */
@ProcessingGroup(EmployeeDirectoryProjection.NAME)
public class EmployeeDirectoryProjection {

    public static final String NAME = "employees";
    public static final List<String> TABLES = List.of("employee");

    private final ProjectionWriter writer;
    private final Statement upsert;
    private final Statement changeOwnDays;
    private final Statement erase;

    public EmployeeDirectoryProjection(ProjectionWriter writer, TableNames tables) {
        this.writer = writer;
        this.upsert = writer.statement("insert into " + tables.of("employee") + " as e (employee_id, name, email, "
                + "manager_id, country, subdivision, updated_at, last_seq) values (?, ?, ?, ?, ?, ?, ?, ?) "
                + "on conflict (employee_id) do update set name = excluded.name, email = excluded.email, "
                + "manager_id = excluded.manager_id, country = excluded.country, subdivision = excluded.subdivision, "
                + "updated_at = excluded.updated_at, last_seq = excluded.last_seq "
                + "where e.last_seq < excluded.last_seq");
        // A change from a date replaces the changes from that date on (EmployeeCalendar.withOwnDays); ISO dates as
        // keys compare as text in date order. Declared after upsert: a registration in the same batch comes first.
        this.changeOwnDays = writer.statement("update " + tables.of("employee") + " as e set own_days = coalesce("
                + "(select jsonb_object_agg(d.key, d.value) from jsonb_each(e.own_days) d where d.key < ?), "
                + "'{}'::jsonb) || jsonb_build_object(?::text, ?::jsonb), updated_at = ?, last_seq = ? "
                + "where employee_id = ? and last_seq < ?");
        // Declared last: statements run in declaration order at commit, so it also blanks a row written in its batch.
        this.erase = writer.statement("update " + tables.of("employee") + " set name = ?, email = case when email is "
                + "null then null else ? end where employee_id = ?");
    }

    /** An erased employee's name and address are blanked; the row stays (reporting lines, calendars). */
    @EventHandler
    void on(SubjectErasedEvent event) {
        writer.apply(erase.with(PersonalDataCipher.ERASED, PersonalDataCipher.ERASED, event.employeeId().value()));
    }

    @EventHandler
    void on(WorkingPatternChangedEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        String from = event.effectiveFrom().toString();
        String days = event.workingDays().stream().map(day -> '"' + day.name() + '"')
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        writer.apply(changeOwnDays.with(from, from, days, envelope.timestamp(), envelope.sequenceNumber(),
                event.employeeId().value(), envelope.sequenceNumber()));
    }

    @EventHandler
    void on(EmployeeRegisteredEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        writer.apply(upsert.with(event.employeeId().value(), event.name(), event.email(),
                event.managerId() == null ? null : event.managerId().value(), event.country(), event.subdivision(),
                envelope.timestamp(), envelope.sequenceNumber()));
    }
}
