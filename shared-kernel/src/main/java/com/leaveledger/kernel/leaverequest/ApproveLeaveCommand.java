package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ApproveLeaveCommand(@TargetAggregateIdentifier LeaveRequestId leaveRequestId, EmployeeId approverId,
                                  String comment) {
}
