package com.leaveledger.support.policy;

import com.leaveledger.kernel.leaverequest.Approver;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;

/**
 * What one leave type allows (docs/leave-policies.md): configured in {@code ledger.leave-policies.types.<TYPE>},
 * enforced by the command side's aggregates, shown by the query side's {@code GET /api/leave-policies}.
 *
 * @param allowsHalfDays whether a request may start or end with half a day
 * @param mayGoNegative  whether a reservation may take the balance below zero (sick leave is never refused)
 * @param approvals      the approval levels, in order; none: the request is approved when it is submitted
 * @param accrual        days earned month by month; none: HR grants the year's entitlement
 * @param carryOver      what is left at the end of a year may move into the next; none: nothing carries over
 */
public record LeavePolicy(boolean allowsHalfDays,
                          boolean mayGoNegative,
                          @Valid List<@NotNull @Valid ApprovalLevel> approvals,
                          @Valid Accrual accrual,
                          @Valid CarryOver carryOver) {

    public LeavePolicy {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** Whether anybody has to approve a request of this type at all. */
    public boolean needsApproval() {
        return !approvals.isEmpty();
    }

    /** The levels a request of {@code workingDays} days must pass, in order (a level may apply to long ones only). */
    public List<Approver> approvalsFor(BigDecimal workingDays) {
        return approvals.stream().filter(level -> level.appliesTo(workingDays)).map(ApprovalLevel::approver).toList();
    }

    /**
     * One approval level.
     *
     * @param approver        who decides at this level
     * @param overWorkingDays the level applies only to requests longer than this many working days; none: to all
     */
    public record ApprovalLevel(@NotNull Approver approver, @PositiveOrZero BigDecimal overWorkingDays) {

        public boolean appliesTo(BigDecimal workingDays) {
            return overWorkingDays == null || workingDays.compareTo(overWorkingDays) > 0;
        }
    }

    /**
     * Monthly accrual: {@code daysPerMonth} days earned on the first day of each month.
     *
     * @param daysPerMonth days earned per month, a multiple of half a day
     */
    public record Accrual(@NotNull @Positive BigDecimal daysPerMonth) {
    }

    /**
     * Year-end carry-over.
     *
     * @param cap       most days that move into the next year; none: all that is left
     * @param expiresOn the day of the next year after which carried days not taken lapse; none: they never lapse
     */
    public record CarryOver(@PositiveOrZero BigDecimal cap, MonthDay expiresOn) {

        /** The last day carried days into {@code year} may be taken, if they expire. */
        public LocalDate expiryIn(int year) {
            return expiresOn == null ? null : expiresOn.atYear(year);
        }
    }
}
