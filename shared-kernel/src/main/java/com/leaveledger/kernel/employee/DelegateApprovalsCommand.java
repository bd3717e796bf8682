package com.leaveledger.kernel.employee;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager ({@code employeeId}) lets {@code delegateId} decide their reports' requests from {@code from} to {@code to}. */
public record DelegateApprovalsCommand(@TargetAggregateIdentifier EmployeeId employeeId, String delegationId,
                                       EmployeeId delegateId, LocalDate from, LocalDate to) {
}
