package com.leaveledger.kernel.leaverequest;

public enum LeaveRequestStatus {
    SUBMITTED, APPROVED, REJECTED, CANCELLED
}
