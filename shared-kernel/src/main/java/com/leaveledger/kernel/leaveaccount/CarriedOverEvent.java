package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.privacy.PersonalData;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CarriedOverEvent(LeaveAccountId accountId, BigDecimal days, int fromYear, @PersonalData String reason) implements LeaveAccountEvent {
}
