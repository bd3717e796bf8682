package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code approverHasHr}: the approver holds the HR role (an HR level may be decided by anybody who does). */
public record ApproveLeaveCommand(@TargetAggregateIdentifier LeaveRequestId leaveRequestId, EmployeeId approverId,
                                  boolean approverHasHr, String comment) {
}
