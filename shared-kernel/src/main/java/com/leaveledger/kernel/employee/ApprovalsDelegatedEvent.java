package com.leaveledger.kernel.employee;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * Manager {@code employeeId} let {@code delegateId} approve or reject, at the manager level and on the manager's
 * behalf, the requests of the manager's reports from {@code from} to {@code to} (both included).
 */
@Revision("1")
public record ApprovalsDelegatedEvent(EmployeeId employeeId, String delegationId, EmployeeId delegateId,
                                      LocalDate from, LocalDate to) implements EmployeeEvent {
}
