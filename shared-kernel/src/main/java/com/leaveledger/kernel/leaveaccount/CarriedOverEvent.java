package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CarriedOverEvent(LeaveAccountId accountId, BigDecimal days, int fromYear, String reason) implements LeaveAccountEvent {
}
