package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record EntitlementGrantedEvent(LeaveAccountId accountId, BigDecimal days, String reason) implements LeaveAccountEvent {
}
