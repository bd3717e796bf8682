package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AdjustBalanceCommand(@TargetAggregateIdentifier LeaveAccountId accountId, BigDecimal days, String reason) {
}
