package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.serialization.Revision;

/** {@code approvedBy} is the manager, or {@code system} for leave types that need no approval. */
@Revision("1")
public record LeaveApprovedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId approvedBy,
                                 @PersonalData String comment) implements LeaveRequestEvent {
}
