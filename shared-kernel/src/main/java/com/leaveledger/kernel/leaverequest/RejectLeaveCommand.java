package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectLeaveCommand(@TargetAggregateIdentifier LeaveRequestId leaveRequestId, EmployeeId rejectorId,
                                 String reason) {
}
