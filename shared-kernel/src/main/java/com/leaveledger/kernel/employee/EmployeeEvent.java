package com.leaveledger.kernel.employee;

import com.leaveledger.kernel.LedgerEvent;

public sealed interface EmployeeEvent extends LedgerEvent
        permits EmployeeRegisteredEvent, SubjectErasedEvent, ApprovalsDelegatedEvent, DelegationRevokedEvent,
        WorkingPatternChangedEvent {
}
