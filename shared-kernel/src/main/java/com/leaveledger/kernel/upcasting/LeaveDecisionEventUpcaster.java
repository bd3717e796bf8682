package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import java.util.Set;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * LeaveApprovedEvent and LeaveRejectedEvent revision 1 → 2: adds {@code onBehalfOf}, the manager a decider stood in
 * for. Before delegation and escalation every decision was taken by the manager (or the system) in their own name,
 * so revision 1 decisions were on nobody's behalf: {@code null}. Register it in every service that reads events.
 */
public class LeaveDecisionEventUpcaster extends SingleEventUpcaster {

    private static final Set<String> TYPES =
            Set.of(LeaveApprovedEvent.class.getTypeName(), LeaveRejectedEvent.class.getTypeName());

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPES.contains(representation.getType().getName()) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), "2"),
                JsonNode.class, payload -> {
                    ObjectNode event = (ObjectNode) payload;
                    if (!event.has("onBehalfOf")) {
                        event.putNull("onBehalfOf");
                    }
                    return event;
                });
    }
}
