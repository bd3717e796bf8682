package com.leaveledger.kernel.leaveaccount;

import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.employee.EmployeeId;

/**
 * Events of one ledger account. Balance = granted + accrued + carried in − carried forward − lapsed + adjusted −
 * deducted − reserved.
 */
public sealed interface LeaveAccountEvent extends LedgerEvent
        permits EntitlementGrantedEvent, CarriedOverEvent, BalanceAdjustedEvent, DaysReservedEvent,
        ReservationReleasedEvent, DaysDeductedEvent, DaysRestoredEvent, DaysAccruedEvent, BalanceCarriedForwardEvent,
        CarriedDaysExpiredEvent {

    LeaveAccountId accountId();

    @Override
    default EmployeeId employeeId() {
        return accountId().employeeId();
    }
}
