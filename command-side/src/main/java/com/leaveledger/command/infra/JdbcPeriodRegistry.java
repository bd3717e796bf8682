package com.leaveledger.command.infra;

import com.leaveledger.command.leaverequest.PeriodRegistry;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link PeriodRegistry} on the {@code leave_period} table, whose exclusion constraint on
 * {@code (employee_id, period)} refuses a second overlapping booking even when two transactions race: the later
 * insert waits for the earlier transaction and then books nothing. It runs in the command's transaction, so a
 * refused or failed command leaves no booking behind.
 */
public class JdbcPeriodRegistry implements PeriodRegistry {

    private final JdbcTemplate jdbc;

    public JdbcPeriodRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void book(EmployeeId employee, LeaveRequestId request, LocalDate start, LocalDate end) {
        Date from = Date.valueOf(start);
        Date to = Date.valueOf(end);
        // One statement and one probe of the exclusion constraint's index. An overlap, committed or racing, makes
        // the insert do nothing instead of failing (PostgreSQL waits for a racing transaction's outcome first), so
        // the transaction can still look up what it overlaps.
        int booked = jdbc.update("""
                insert into leave_period (leave_request_id, employee_id, period)
                values (?, ?, daterange(?, ?, '[]'))
                on conflict on constraint leave_period_no_overlap do nothing""", request.value(), employee.value(),
                from, to);
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
