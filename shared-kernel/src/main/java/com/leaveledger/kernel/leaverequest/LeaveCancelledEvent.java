package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.serialization.Revision;

/** {@code previousStatus} tells whether approved leave (days restored) or a pending request was cancelled. */
@Revision("1")
public record LeaveCancelledEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId cancelledBy,
                                  LeaveRequestStatus previousStatus, @PersonalData String reason) implements LeaveRequestEvent {
}
