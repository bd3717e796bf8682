package com.leaveledger.command.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import java.time.LocalDate;

/**
 * The periods an employee has booked (submitted or approved requests), written in the same transaction as the
 * request's events. The store guarantees that two overlapping periods of one employee can never both be booked,
 * even by concurrent commands.
 */
public interface PeriodRegistry {

    /** Books the period, or throws the {@code overlapping-request} rule violation. */
    void book(EmployeeId employee, LeaveRequestId request, LocalDate start, LocalDate end);

    /** Frees the period of a rejected or cancelled request. */
    void release(LeaveRequestId request);
}
