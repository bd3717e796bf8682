package com.leaveledger.kernel.employee;

import org.axonframework.serialization.Revision;

/**
 * An employee's personal data was erased (GDPR Art. 17): their data key is destroyed, so every value written under
 * it reads {@code [erased]} from now on. Holds no personal data itself: {@code reason} is HR's case reference
 * (a ticket number: never personal data), the actor is in the metadata (docs/adr/0033, section 5).
 */
@Revision("1")
public record SubjectErasedEvent(EmployeeId employeeId, ErasureBasis legalBasis, String reason)
        implements EmployeeEvent {
}
