package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * CarriedOverEvent revision 1 → 2: adds {@code expiresOn} = none, which is what revision 1 carry-overs meant (carried
 * days did not lapse). Register it in every service that reads events (event store or Kafka).
 */
public class CarriedOverEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(CarriedOverEvent.class.getTypeName(), "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(CarriedOverEvent.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (!event.has("expiresOn")) {
                event.putNull("expiresOn");
            }
            return event;
        });
    }
}
