package com.leaveledger.kernel.employee;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set an employee's own working days from a date on (HR); an empty list means their country's working week. */
public record ChangeWorkingPatternCommand(@TargetAggregateIdentifier EmployeeId employeeId, LocalDate effectiveFrom,
                                          List<DayOfWeek> workingDays) {
}
