package com.leaveledger.kernel.leaveaccount;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let the account's carried days lapse if their last day is before {@code today}; otherwise, or done, a no-op. */
public record ExpireCarriedDaysCommand(@TargetAggregateIdentifier LeaveAccountId accountId, LocalDate today) {
}
