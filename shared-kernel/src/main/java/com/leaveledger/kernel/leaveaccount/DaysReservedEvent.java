package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

@Revision("1")
public record DaysReservedEvent(LeaveAccountId accountId, LeaveRequestId leaveRequestId, BigDecimal days) implements LeaveAccountEvent {
}
