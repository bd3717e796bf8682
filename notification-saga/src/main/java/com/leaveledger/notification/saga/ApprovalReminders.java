package com.leaveledger.notification.saga;

import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.support.calendar.EmployeeCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.policy.LeavePolicies;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * When a request waiting for a decision reminds its approver and when it is escalated to the approver's own manager:
 * {@code ledger.leave-policies.reminders}, counted in the employee's working days (their country's week, their own
 * days if part time, public holidays) from the moment the request started waiting at its level. The days are dates
 * in the clock's zone ({@code ledger.time-zone}, as on the command and query sides) and the deadline keeps the local
 * time of day it started at: submitted on Friday 10:00 with two working days to wait, the reminder goes on Tuesday
 * 10:00.
 */
public class ApprovalReminders {

    /** Who the saga asks about an employee: the calendar their days are counted in, and their manager. */
    public interface Employees {
        EmployeeCalendar calendarOf(String employeeId);

        Optional<String> managerOf(String employeeId);
    }

    private final WorkingDays workingDays;
    private final Employees employees;
    private final LeavePolicies.Reminders periods;
    private final String hrContactId;
    private final Clock clock;

    /**
     * @param hrContactId the employee who decides HR levels, reminded of them; null: HR levels are not reminded
     * @param clock       now, and the zone ({@code ledger.time-zone}) whose dates the working days are counted in
     */
    public ApprovalReminders(WorkingDays workingDays, Employees employees, LeavePolicies.Reminders periods,
                             String hrContactId, Clock clock) {
        this.workingDays = workingDays;
        this.employees = employees;
        this.periods = periods;
        this.hrContactId = hrContactId == null || hrContactId.isBlank() ? null : hrContactId;
        this.clock = clock;
    }

    public int remindAfterWorkingDays() {
        return periods.remindAfterWorkingDays();
    }

    public int escalateAfterWorkingDays() {
        return periods.escalateAfterWorkingDays();
    }

    public Instant remindAt(String employeeId, Instant since) {
        return after(employeeId, since, periods.remindAfterWorkingDays());
    }

    public Instant escalateAt(String employeeId, Instant since) {
        return after(employeeId, since, periods.escalateAfterWorkingDays());
    }

    /** Who decides that level: the employee's manager, or the HR contact. */
    public Optional<String> approverOf(Approver level, String managerId) {
        return Optional.ofNullable(level == Approver.HR ? hrContactId : managerId);
    }

    public Optional<String> managerOf(String employeeId) {
        return employees.managerOf(employeeId);
    }

    /** Whether that instant is still to come (deadlines are only scheduled for the future). */
    public boolean ahead(Instant instant) {
        return instant.isAfter(clock.instant());
    }

    private Instant after(String employeeId, Instant since, int days) {
        ZonedDateTime start = since.atZone(clock.getZone());
        LocalDate from = start.toLocalDate();
        LocalDate due = workingDays.afterWorkingDays(from, days, employees.calendarOf(employeeId));
        return start.plusDays(ChronoUnit.DAYS.between(from, due)).toInstant();
    }
}
