package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/**
 * The year-end carry-over of this account was done: {@code days} of its unused balance (up to the policy's cap, maybe
 * none) left it for the same type's account of {@code toYear}, which recorded them as a {@link CarriedOverEvent}.
 * Once per account.
 */
@Revision("1")
public record BalanceCarriedForwardEvent(LeaveAccountId accountId, BigDecimal days, int toYear)
        implements LeaveAccountEvent {
}
