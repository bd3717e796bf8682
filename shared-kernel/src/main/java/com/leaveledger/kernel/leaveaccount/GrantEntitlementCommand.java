package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code expiresOn} may be null: the days lapse with the account's year. */
public record GrantEntitlementCommand(@TargetAggregateIdentifier LeaveAccountId accountId, BigDecimal days,
                                      String reason, LocalDate expiresOn) {

    public GrantEntitlementCommand(LeaveAccountId accountId, BigDecimal days, String reason) {
        this(accountId, days, reason, null);
    }
}
