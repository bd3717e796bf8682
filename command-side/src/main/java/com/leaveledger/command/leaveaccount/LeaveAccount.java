package com.leaveledger.command.leaveaccount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.BalanceCarriedForwardEvent;
import com.leaveledger.kernel.leaveaccount.CarriedDaysExpiredEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.DaysAccruedEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.support.policy.LeavePolicy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The ledger of one employee's days of one leave type in one year. It opens with its first event (an
 * entitlement, or a reservation for a type that may go negative). Reservations and deductions are kept per
 * leave request, so reserving, deducting, releasing or restoring twice for one request changes nothing. Likewise it
 * remembers the months it accrued, whether its year-end carry-over was done and whether its carried days lapsed: each
 * happens once, however often (or however concurrently) it is asked for.
 */
@Aggregate(cache = "leaveAccountCache")
public class LeaveAccount {

    /** Largest single grant, carry-over or correction, in days. */
    public static final BigDecimal MAX_MOVEMENT = new BigDecimal("366");

    @AggregateIdentifier
    private String accountId;
    private BigDecimal granted = BigDecimal.ZERO;
    private BigDecimal accrued = BigDecimal.ZERO;
    /** Carried in, minus carried forward, minus lapsed. */
    private BigDecimal carried = BigDecimal.ZERO;
    private BigDecimal carriedExpiring = BigDecimal.ZERO;
    private LocalDate carriedExpiresOn;
    private boolean carriedExpired;
    private boolean carriedForward;
    private final Set<YearMonth> accruedPeriods = new HashSet<>();
    private BigDecimal adjusted = BigDecimal.ZERO;
    private final DaysPerRequest reservations = new DaysPerRequest();
    private final DaysPerRequest deductions = new DaysPerRequest();

    public LeaveAccount() {
    }

    public void grant(LeaveAccountId id, BigDecimal days, String reason, LocalDate expiresOn) {
        requirePositive(days);
        LocalDate expiry = expiresOn == null ? LocalDate.of(id.year(), 12, 31) : expiresOn;
        if (expiry.getYear() < id.year()) {
            throw RuleViolation.invalid("invalid-expiry", "days granted for " + id.year() + " cannot expire in "
                    + expiry.getYear());
        }
        apply(new EntitlementGrantedEvent(id, Days.normalise(days), reason, expiry));
    }

    public void carryOver(LeaveAccountId id, BigDecimal days, int fromYear, String reason) {
        carryOver(id, days, fromYear, reason, null);
    }

    /** Days carried in from {@code fromYear}; with {@code expiresOn}, those not taken by then lapse. */
    public void carryOver(LeaveAccountId id, BigDecimal days, int fromYear, String reason, LocalDate expiresOn) {
        requirePositive(days);
        if (fromYear >= id.year()) {
            throw RuleViolation.invalid("invalid-carry-over", "days carry over from an earlier year only");
        }
        apply(new CarriedOverEvent(id, Days.normalise(days), fromYear, reason, expiresOn));
    }

    /** Monthly accrual: {@code days} for {@code period}, once per period; a repeat is a no-op. */
    public boolean accrue(LeaveAccountId id, YearMonth period, BigDecimal days) {
        if (period.getYear() != id.year()) {
            throw RuleViolation.invalid("invalid-period", "account " + id + " accrues months of " + id.year()
                    + " only, not " + period);
        }
        requirePositive(days);
        if (accruedPeriods.contains(period)) {
            return false;
        }
        apply(new DaysAccruedEvent(id, Days.normalise(days), period));
        return true;
    }

    /**
     * Year-end: what is left of this account (available, never below zero), up to {@code cap} (none: all), leaves it
     * for next year's; recorded once. Answers the days that leave, or empty when the carry-over was done already.
     */
    public Optional<BigDecimal> carryForward(LeaveAccountId id, BigDecimal cap) {
        if (carriedForward) {
            return Optional.empty();
        }
        BigDecimal unused = available().max(BigDecimal.ZERO);
        BigDecimal days = Days.normalise(cap == null ? unused : unused.min(cap));
        apply(new BalanceCarriedForwardEvent(id, days, id.year() + 1));
        return Optional.of(days);
    }

    /**
     * Carried days with an expiry lapse the day after it: those not taken, as days taken or reserved by then count
     * against carried days first (never more than is available). Once; before the day, a no-op. True if they lapsed now.
     */
    public boolean expireCarriedDays(LeaveAccountId id, LocalDate today) {
        if (carriedExpiresOn == null || carriedExpired || !today.isAfter(carriedExpiresOn)) {
            return false;
        }
        BigDecimal used = deductions.total().add(reservations.total());
        BigDecimal lapsed = carriedExpiring.subtract(used).min(available()).max(BigDecimal.ZERO);
        apply(new CarriedDaysExpiredEvent(id, Days.normalise(lapsed), carriedExpiresOn));
        return true;
    }

    public void adjust(LeaveAccountId id, BigDecimal days, String reason, LeavePolicy policy) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolation.invalid("reason-required", "a balance correction needs a reason");
        }
        requireHalfDays(days.abs());
        if (days.signum() == 0) {
            throw RuleViolation.invalid("invalid-days", "a correction of zero days changes nothing");
        }
        if (days.signum() < 0 && !policy.mayGoNegative()
                && available().add(days).signum() < 0) {
            throw RuleViolation.unprocessable("insufficient-balance", "the correction of " + days
                    + " days would take " + id + " below zero (available " + available() + ")");
        }
        apply(new BalanceAdjustedEvent(id, Days.normalise(days), reason));
    }

    public void reserve(LeaveAccountId id, LeaveRequestId request, BigDecimal days, LeavePolicy policy) {
        if (reservations.holds(request) || deductions.holds(request)) {
            return;
        }
        if (!policy.mayGoNegative() && available().compareTo(days) < 0) {
            throw RuleViolation.unprocessable("insufficient-balance", "request needs " + days + " days of "
                    + id.leaveType() + " in " + id.year() + " but only " + available() + " are available");
        }
        apply(new DaysReservedEvent(id, request, Days.normalise(days)));
    }

    public void deduct(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal held = reservations.of(request);
        if (held != null) {
            apply(new DaysDeductedEvent(id, request, held));
        }
    }

    public void release(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal held = reservations.of(request);
        if (held != null) {
            apply(new ReservationReleasedEvent(id, request, held));
        }
    }

    public void restore(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal taken = deductions.of(request);
        if (taken != null) {
            apply(new DaysRestoredEvent(id, request, taken));
        }
    }

    /** granted + accrued + carried + adjusted − deducted − reserved (carried: in, less forward and lapsed). */
    public BigDecimal available() {
        return granted.add(accrued).add(carried).add(adjusted).subtract(deductions.total())
                .subtract(reservations.total());
    }

    @EventSourcingHandler
    void on(EntitlementGrantedEvent e) {
        opened(e);
        granted = granted.add(e.days());
    }

    @EventSourcingHandler
    void on(CarriedOverEvent e) {
        opened(e);
        carried = carried.add(e.days());
        if (e.expiresOn() != null) {
            carriedExpiring = carriedExpiring.add(e.days());
            carriedExpiresOn = carriedExpiresOn == null || e.expiresOn().isAfter(carriedExpiresOn) ? e.expiresOn()
                    : carriedExpiresOn;
            carriedExpired = false;
        }
    }

    @EventSourcingHandler
    void on(DaysAccruedEvent e) {
        opened(e);
        accruedPeriods.add(e.period());
        accrued = accrued.add(e.days());
    }

    @EventSourcingHandler
    void on(BalanceCarriedForwardEvent e) {
        opened(e);
        carriedForward = true;
        carried = carried.subtract(e.days());
    }

    @EventSourcingHandler
    void on(CarriedDaysExpiredEvent e) {
        carriedExpired = true;
        carriedExpiring = BigDecimal.ZERO;
        carried = carried.subtract(e.days());
    }

    @EventSourcingHandler
    void on(BalanceAdjustedEvent e) {
        opened(e);
        adjusted = adjusted.add(e.days());
    }

    @EventSourcingHandler
    void on(DaysReservedEvent e) {
        opened(e);
        reservations.add(e.leaveRequestId(), e.days());
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent e) {
        reservations.remove(e.leaveRequestId(), e.days());
    }

    @EventSourcingHandler
    void on(DaysDeductedEvent e) {
        reservations.remove(e.leaveRequestId(), e.days());
        deductions.add(e.leaveRequestId(), e.days());
    }

    @EventSourcingHandler
    void on(DaysRestoredEvent e) {
        deductions.remove(e.leaveRequestId(), e.days());
    }

    private void opened(LeaveAccountEvent e) {
        if (accountId == null) {
            accountId = e.accountId().asString();
        }
    }

    private static void requirePositive(BigDecimal days) {
        if (days == null || days.signum() <= 0) {
            throw RuleViolation.invalid("invalid-days", "days must be greater than zero");
        }
        requireHalfDays(days);
    }

    private static void requireHalfDays(BigDecimal days) {
        if (!Days.isHalfDayMultiple(days)) {
            throw RuleViolation.invalid("invalid-days", "days are counted in whole or half days, not " + days);
        }
        if (days.compareTo(MAX_MOVEMENT) > 0) {
            throw RuleViolation.invalid("invalid-days", "at most " + MAX_MOVEMENT + " days at once");
        }
    }
}
