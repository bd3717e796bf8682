package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code rejectorHasHr}: the rejector holds the HR role (an HR level may be decided by anybody who does). */
public record RejectLeaveCommand(@TargetAggregateIdentifier LeaveRequestId leaveRequestId, EmployeeId rejectorId,
                                 boolean rejectorHasHr, String reason) {
}
