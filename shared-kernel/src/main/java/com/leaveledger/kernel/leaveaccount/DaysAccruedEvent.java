package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/** The days a type with monthly accrual earned for {@code period}, a month of the account's year; once per period. */
@Revision("1")
public record DaysAccruedEvent(LeaveAccountId accountId, BigDecimal days, YearMonth period) implements LeaveAccountEvent {
}
