package com.leaveledger.kernel.leaveaccount;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Year-end carry-over: move this account's unused balance, up to the type's cap, into the same type's account of the
 * next year; a repeat is a no-op. Answers the days carried.
 */
public record CarryForwardCommand(@TargetAggregateIdentifier LeaveAccountId accountId) {
}
