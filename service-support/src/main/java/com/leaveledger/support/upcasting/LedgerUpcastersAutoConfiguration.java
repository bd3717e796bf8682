package com.leaveledger.support.upcasting;

import com.leaveledger.kernel.upcasting.CarriedOverEventUpcaster;
import com.leaveledger.kernel.upcasting.EntitlementGrantedEventUpcaster;
import com.leaveledger.kernel.upcasting.LeaveDecisionEventUpcaster;
import com.leaveledger.kernel.upcasting.LeaveRequestedEventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The shared kernel's event upcasters, in every service that reads events (from its event store or from Kafka):
 * Axon chains every {@link EventUpcaster} bean, so an event stored or published in an older revision reaches
 * handlers in its current shape.
 */
@AutoConfiguration
public class LedgerUpcastersAutoConfiguration {

    /** One chain: each upcaster takes only its own event types, so their order does not matter. */
    @Bean
    EventUpcaster ledgerEventUpcasters() {
        return new EventUpcasterChain(
                new EntitlementGrantedEventUpcaster(), // EntitlementGrantedEvent revision 1 → 2
                new LeaveRequestedEventUpcaster(), // LeaveRequestedEvent revision 1 → 2
                new CarriedOverEventUpcaster(), // CarriedOverEvent revision 1 → 2
                new LeaveDecisionEventUpcaster()); // LeaveApprovedEvent and LeaveRejectedEvent revision 1 → 2
    }
}
