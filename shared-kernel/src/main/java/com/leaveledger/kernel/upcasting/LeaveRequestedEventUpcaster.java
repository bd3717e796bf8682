package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;

/**
 * LeaveRequestedEvent revision 1 → 2: adds {@code approvals}, the levels the request must pass. Before policies
 * were configurable every type but SICK needed its manager's approval and SICK none, so that is what revision 1
 * requests meant. Register it in every service that reads events (event store or Kafka).
 */
public class LeaveRequestedEventUpcaster extends JsonRevisionUpcaster {

    public LeaveRequestedEventUpcaster() {
        super("1", "2", LeaveRequestedEvent.class);
    }

    @Override
    protected void upcast(ObjectNode event) {
        if (!event.has("approvals")) {
            ArrayNode approvals = event.putArray("approvals");
            if (!LeaveType.SICK.name().equals(event.path("leaveType").asText())) {
                approvals.add(Approver.MANAGER.name());
            }
        }
    }
}
