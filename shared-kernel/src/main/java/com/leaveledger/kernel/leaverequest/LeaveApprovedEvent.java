package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.kernel.employee.EmployeeId;
import org.axonframework.serialization.Revision;

/**
 * The request passed its last approval level: the reserved days are deducted. {@code approvedBy} is who decided, or
 * {@code system} for leave types that need no approval; {@code onBehalfOf} the manager they stood in for (a
 * delegation or an escalation), null when nobody. Revision 2 added {@code onBehalfOf}
 * ({@link com.leaveledger.kernel.upcasting.LeaveDecisionEventUpcaster}).
 */
@Revision("2")
public record LeaveApprovedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId approvedBy,
                                 @PersonalData String comment, EmployeeId onBehalfOf) implements LeaveRequestEvent {

    /** Approved by {@code approvedBy} in their own name. */
    public LeaveApprovedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, EmployeeId approvedBy,
                              String comment) {
        this(leaveRequestId, employeeId, approvedBy, comment, null);
    }
}
