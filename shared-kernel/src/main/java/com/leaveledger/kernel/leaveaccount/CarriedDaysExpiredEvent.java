package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Carried days not taken by {@code expiresOn} lapsed: {@code days} of them (days taken or reserved by then count
 * against carried days first, so maybe none). Once per account.
 */
@Revision("1")
public record CarriedDaysExpiredEvent(LeaveAccountId accountId, BigDecimal days, LocalDate expiresOn)
        implements LeaveAccountEvent {
}
