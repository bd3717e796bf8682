package com.leaveledger.kernel.leaveaccount;

import java.math.BigDecimal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CarryOverCommand(@TargetAggregateIdentifier LeaveAccountId accountId, BigDecimal days, int fromYear, String reason) {
}
