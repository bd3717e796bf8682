package com.leaveledger.kernel.employee;

import org.axonframework.serialization.Revision;

/** Manager {@code employeeId}'s delegation {@code delegationId} ends now; the actor is in the metadata. */
@Revision("1")
public record DelegationRevokedEvent(EmployeeId employeeId, String delegationId) implements EmployeeEvent {
}
