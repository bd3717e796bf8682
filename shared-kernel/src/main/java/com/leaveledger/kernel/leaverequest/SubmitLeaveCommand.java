package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SubmitLeaveCommand(
        @TargetAggregateIdentifier LeaveRequestId leaveRequestId,
        EmployeeId employeeId,
        LeaveType leaveType,
        LocalDate startDate,
        LocalDate endDate,
        boolean halfDayStart,
        boolean halfDayEnd,
        String reason) {
}
