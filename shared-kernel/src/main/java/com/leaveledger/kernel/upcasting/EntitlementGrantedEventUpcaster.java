package com.leaveledger.kernel.upcasting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;

/**
 * EntitlementGrantedEvent revision 1 → 2: adds {@code expiresOn} = 31 December of the account's year, which is
 * what revision 1 grants meant. Register it in every service that reads events (event store or Kafka).
 */
public class EntitlementGrantedEventUpcaster extends JsonRevisionUpcaster {

    public EntitlementGrantedEventUpcaster() {
        super("1", "2", EntitlementGrantedEvent.class);
    }

    @Override
    protected void upcast(ObjectNode event) {
        if (!event.hasNonNull("expiresOn")) {
            int year = LeaveAccountId.parse(event.get("accountId").asText()).year();
            event.put("expiresOn", year + "-12-31");
        }
    }
}
