package com.leaveledger.kernel.leaverequest;

import com.leaveledger.kernel.LedgerEvent;

public sealed interface LeaveRequestEvent extends LedgerEvent
        permits LeaveRequestedEvent, LeaveLevelApprovedEvent, LeaveApprovedEvent, LeaveRejectedEvent, LeaveCancelledEvent {

    LeaveRequestId leaveRequestId();
}
