package com.leaveledger.kernel.upcasting;

import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;

/**
 * CarriedOverEvent revision 1 → 2: adds {@code expiresOn} = none, which is what revision 1 carry-overs meant (carried
 * days did not lapse). Register it in every service that reads events (event store or Kafka).
 */
public class CarriedOverEventUpcaster extends AddedOptionalFieldUpcaster {

    public CarriedOverEventUpcaster() {
        super("1", "2", "expiresOn", CarriedOverEvent.class);
    }
}
