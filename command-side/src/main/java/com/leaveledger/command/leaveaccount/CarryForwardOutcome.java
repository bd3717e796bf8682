package com.leaveledger.command.leaveaccount;

import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a year-end carry-over did.
 *
 * @param from      the closed account
 * @param to        next year's account
 * @param days      the days carried (maybe none); null when the carry-over had been done before
 * @param expiresOn the last day the carried days may be taken; null: they never lapse
 */
public record CarryForwardOutcome(LeaveAccountId from, LeaveAccountId to, BigDecimal days, LocalDate expiresOn) {

    /** Whether this command carried anything over, rather than finding it done. */
    public boolean done() {
        return days != null;
    }
}
