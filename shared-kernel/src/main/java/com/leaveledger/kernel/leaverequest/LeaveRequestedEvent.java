package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An employee asked for leave. {@code managerId} is the manager at submission time (who is notified);
 * {@code shares} splits the working days by calendar year, each drawn from that year's account; {@code approvals}
 * are the levels the request must pass, in order, under its type's policy at submission (none: it needs no approval).
 * Revision 2 added {@code approvals} ({@link com.leaveledger.kernel.upcasting.LeaveRequestedEventUpcaster}).
 */
@Revision("2")
public record LeaveRequestedEvent(
        LeaveRequestId leaveRequestId,
        EmployeeId employeeId,
        EmployeeId managerId,
        LeaveType leaveType,
        LocalDate startDate,
        LocalDate endDate,
        boolean halfDayStart,
        boolean halfDayEnd,
        BigDecimal workingDays,
        List<YearShare> shares,
        @PersonalData String reason,
        List<Approver> approvals) implements LeaveRequestEvent {

    public LeaveRequestedEvent {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }
}
