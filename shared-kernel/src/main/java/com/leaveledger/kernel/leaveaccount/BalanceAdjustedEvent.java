package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.privacy.PersonalData;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record BalanceAdjustedEvent(LeaveAccountId accountId, BigDecimal days, @PersonalData String reason) implements LeaveAccountEvent {
}
