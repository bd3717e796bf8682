package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * EntitlementGrantedEvent revision 1 → 2: adds {@code expiresOn} = 31 December of the account's year, which is
 * what revision 1 grants meant. Register it in every service that reads events (event store or Kafka).
 */
public class EntitlementGrantedEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(EntitlementGrantedEvent.class.getTypeName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(EntitlementGrantedEvent.class.getTypeName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload;
            if (!event.hasNonNull("expiresOn")) {
                int year = LeaveAccountId.parse(event.get("accountId").asText()).year();
                event.put("expiresOn", year + "-12-31");
            }
            return event;
        });
    }
}
