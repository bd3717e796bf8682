package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.serialization.Revision;

/**
 * The request was rejected at the level it awaited: its days are released. {@code onBehalfOf} is the manager
 * {@code rejectedBy} stood in for (a delegation or an escalation), null when nobody. Revision 2 added
 * {@code onBehalfOf} ({@link com.leaveledger.kernel.upcasting.LeaveDecisionEventUpcaster}).
 */
@Revision("2")
public record LeaveRejectedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId rejectedBy,
                                 @PersonalData String reason, EmployeeId onBehalfOf) implements LeaveRequestEvent {

    /** Rejected by {@code rejectedBy} in their own name. */
    public LeaveRejectedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId rejectedBy,
                              String reason) {
        this(leaveRequestId, employeeId, rejectedBy, reason, null);
    }
}
