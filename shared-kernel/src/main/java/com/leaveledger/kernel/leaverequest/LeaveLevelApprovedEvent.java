package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * One approval level of a request that needs more than one was passed; the days stay reserved and the request waits
 * for {@code nextApprover}. The last level is a {@link LeaveApprovedEvent}.
 *
 * @param level        the level passed, from 1
 * @param approvedAs   the level's approver
 * @param approvedBy   who approved
 * @param onBehalfOf   the manager {@code approvedBy} stood in for (a delegation or an escalation); null: nobody
 * @param nextApprover who decides next
 */
@Revision("1")
public record LeaveLevelApprovedEvent(LeaveRequestId leaveRequestId, EmployeeId employeeId, int level,
                                      Approver approvedAs, EmployeeId approvedBy, EmployeeId onBehalfOf,
                                      @PersonalData String comment, Approver nextApprover)
        implements LeaveRequestEvent {
}
