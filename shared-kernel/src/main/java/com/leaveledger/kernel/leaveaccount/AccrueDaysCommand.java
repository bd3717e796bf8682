package com.leaveledger.kernel.leaveaccount;

import java.time.YearMonth;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accrue the days the type's policy earns for {@code period} (a month of the account's year); a repeat is a no-op. */
public record AccrueDaysCommand(@TargetAggregateIdentifier LeaveAccountId accountId, YearMonth period) {
}
