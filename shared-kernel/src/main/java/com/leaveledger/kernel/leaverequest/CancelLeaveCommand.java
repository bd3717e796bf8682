package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelLeaveCommand(@TargetAggregateIdentifier LeaveRequestId leaveRequestId, EmployeeId cancelledBy,
                                 String reason) {
}
