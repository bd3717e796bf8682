package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record LeaveRejectedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId rejectedBy,
                                 @PersonalData String reason) implements LeaveRequestEvent {
}
