package com.leaveledger.kernel.leaveaccount;

/** Kinds of leave. Each has a policy on the command side (approval, negative balance, half days). */
public enum LeaveType {
    ANNUAL, SICK, PARENTAL, UNPAID
}
