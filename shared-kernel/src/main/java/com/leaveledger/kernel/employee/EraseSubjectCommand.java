package com.leaveledger.kernel.employee;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erase an employee's personal data by destroying their data key (HR). */
public record EraseSubjectCommand(@TargetAggregateIdentifier EmployeeId employeeId, ErasureBasis legalBasis,
                                  String reason) {
}
