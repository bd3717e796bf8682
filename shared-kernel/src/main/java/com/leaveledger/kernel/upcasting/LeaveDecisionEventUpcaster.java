package com.leaveledger.kernel.upcasting;

import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;

/**
 * LeaveApprovedEvent and LeaveRejectedEvent revision 1 → 2: adds {@code onBehalfOf}, the manager a decider stood in
 * for. Before delegation and escalation every decision was taken by the manager (or the system) in their own name,
 * so revision 1 decisions were on nobody's behalf: {@code null}. Register it in every service that reads events.
 */
public class LeaveDecisionEventUpcaster extends AddedOptionalFieldUpcaster {

    public LeaveDecisionEventUpcaster() {
        super("1", "2", "onBehalfOf", LeaveApprovedEvent.class, LeaveRejectedEvent.class);
    }
}
