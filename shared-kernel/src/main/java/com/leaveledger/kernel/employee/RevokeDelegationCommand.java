package com.leaveledger.kernel.employee;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a manager's delegation before its period is over (or before it starts). */
public record RevokeDelegationCommand(@TargetAggregateIdentifier EmployeeId employeeId, String delegationId) {
}
