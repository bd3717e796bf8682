package com.leaveledger.command.leaveaccount;

import com.leaveledger.kernel.leaveaccount.LeaveType;

/** What each leave type allows. */
public record LeavePolicy(boolean needsApproval, boolean mayGoNegative, boolean allowsHalfDays) {

    public static LeavePolicy of(LeaveType type) {
        return switch (type) {
            case ANNUAL -> new LeavePolicy(true, false, true);
            case SICK -> new LeavePolicy(false, true, true);
            case PARENTAL -> new LeavePolicy(true, false, false);
            case UNPAID -> new LeavePolicy(true, true, true);
        };
    }
}
