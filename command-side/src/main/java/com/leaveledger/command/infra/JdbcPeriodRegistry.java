package com.leaveledger.command.infra;

import com.leaveledger.command.leaverequest.PeriodRegistry;
import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link PeriodRegistry} on the {@code leave_period} table, whose exclusion constraint on
 * {@code (employee_id, period)} makes a second overlapping booking fail even when two transactions race: the
 * later insert waits for the earlier transaction and then fails. It runs in the command's transaction, so a
 * refused or failed command leaves no booking behind.
 */
public class JdbcPeriodRegistry implements PeriodRegistry {

    private static final String EXCLUSION_VIOLATION = "23P01";

    private final JdbcTemplate jdbc;

    public JdbcPeriodRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void book(EmployeeId employee, LeaveRequestId request, LocalDate start, LocalDate end) {
        Date from = Date.valueOf(start);
        Date to = Date.valueOf(end);
        int booked;
        try {
            // One statement on the happy path; the exclusion constraint still settles a race between two of these.
            booked = jdbc.update("""
                    insert into leave_period (leave_request_id, employee_id, period)
                    select ?, ?, daterange(?, ?, '[]')
                    where not exists (select 1 from leave_period where employee_id = ? and period && daterange(?, ?, '[]'))""",
                    request.value(), employee.value(), from, to, employee.value(), from, to);
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof java.sql.SQLException sql
                    && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                throw overlapping(start, end, null);
            }
            throw e;
        }
        if (booked == 0) {
            List<String> clashes = jdbc.queryForList("""
                    select leave_request_id from leave_period
                    where employee_id = ? and period && daterange(?, ?, '[]') limit 1""",
                    String.class, employee.value(), from, to);
            throw overlapping(start, end, clashes.isEmpty() ? null : clashes.get(0));
        }
    }

    @Override
    public void release(LeaveRequestId request) {
        jdbc.update("delete from leave_period where leave_request_id = ?", request.value());
    }

    private static RuleViolation overlapping(LocalDate start, LocalDate end, String other) {
        return RuleViolation.conflict("overlapping-request", "the period " + start + " – " + end
                + " overlaps " + (other == null ? "another request" : "leave request " + other)
                + " of the same employee");
    }
}
