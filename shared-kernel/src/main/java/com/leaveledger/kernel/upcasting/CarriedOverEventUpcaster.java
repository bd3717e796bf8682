package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;

/**
 * CarriedOverEvent revision 1 → 2: adds {@code expiresOn} = none, which is what revision 1 carry-overs meant (carried
 * days did not lapse). Register it in every service that reads events (event store or Kafka).
 */
public class CarriedOverEventUpcaster extends JsonRevisionUpcaster {

    public CarriedOverEventUpcaster() {
        super("1", "2", CarriedOverEvent.class);
    }

    @Override
    protected void upcast(ObjectNode event) {
        if (!event.has("expiresOn")) {
            event.putNull("expiresOn");
        }
    }
}
