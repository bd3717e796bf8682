package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * LeaveRequestedEvent revision 1 → 2: adds {@code approvals}, the levels the request must pass. Before policies
 * were configurable every type but SICK needed its manager's approval and SICK none, so that is what revision 1
 * requests meant. Register it in every service that reads events (event store or Kafka).
 */
public class LeaveRequestedEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(LeaveRequestedEvent.class.getTypeName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(LeaveRequestedEvent.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (!event.has("approvals")) {
                ArrayNode approvals = event.putArray("approvals");
                if (!LeaveType.SICK.name().equals(event.path("leaveType").asText())) {
                    approvals.add(Approver.MANAGER.name());
                }
            }
            return event;
        });
    }
}
