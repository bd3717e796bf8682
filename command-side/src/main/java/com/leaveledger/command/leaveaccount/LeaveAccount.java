package com.leaveledger.command.leaveaccount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
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
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The ledger of one employee's days of one leave type in one year. It opens with its first event (an
 * entitlement, or a reservation for a type that may go negative). Reservations and deductions are kept per
 * leave request, so reserving, deducting, releasing or restoring twice for one request changes nothing.
 */
@Aggregate(cache = "leaveAccountCache")
public class LeaveAccount {

    /** Largest single grant, carry-over or correction, in days. */
    public static final BigDecimal MAX_MOVEMENT = new BigDecimal("366");

    @AggregateIdentifier
    private String accountId;
    private BigDecimal granted = BigDecimal.ZERO;
    private BigDecimal carried = BigDecimal.ZERO;
    private BigDecimal adjusted = BigDecimal.ZERO;
    private BigDecimal deducted = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;
    private final Map<LeaveRequestId, BigDecimal> reservations = new HashMap<>();
    private final Map<LeaveRequestId, BigDecimal> deductions = new HashMap<>();

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
        requirePositive(days);
        if (fromYear >= id.year()) {
            throw RuleViolation.invalid("invalid-carry-over", "days carry over from an earlier year only");
        }
        apply(new CarriedOverEvent(id, Days.normalise(days), fromYear, reason));
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
        if (reservations.containsKey(request) || deductions.containsKey(request)) {
            return;
        }
        if (!policy.mayGoNegative() && available().compareTo(days) < 0) {
            throw RuleViolation.unprocessable("insufficient-balance", "request needs " + days + " days of "
                    + id.leaveType() + " in " + id.year() + " but only " + available() + " are available");
        }
        apply(new DaysReservedEvent(id, request, Days.normalise(days)));
    }

    public void deduct(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal held = reservations.get(request);
        if (held != null) {
            apply(new DaysDeductedEvent(id, request, held));
        }
    }

    public void release(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal held = reservations.get(request);
        if (held != null) {
            apply(new ReservationReleasedEvent(id, request, held));
        }
    }

    public void restore(LeaveAccountId id, LeaveRequestId request) {
        BigDecimal taken = deductions.get(request);
        if (taken != null) {
            apply(new DaysRestoredEvent(id, request, taken));
        }
    }

    /** granted + carried + adjusted − deducted − reserved. */
    public BigDecimal available() {
        return granted.add(carried).add(adjusted).subtract(deducted).subtract(reserved);
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
    }

    @EventSourcingHandler
    void on(BalanceAdjustedEvent e) {
        opened(e);
        adjusted = adjusted.add(e.days());
    }

    @EventSourcingHandler
    void on(DaysReservedEvent e) {
        opened(e);
        reservations.put(e.leaveRequestId(), e.days());
        reserved = reserved.add(e.days());
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent e) {
        reservations.remove(e.leaveRequestId());
        reserved = reserved.subtract(e.days());
    }

    @EventSourcingHandler
    void on(DaysDeductedEvent e) {
        reservations.remove(e.leaveRequestId());
        reserved = reserved.subtract(e.days());
        deductions.put(e.leaveRequestId(), e.days());
        deducted = deducted.add(e.days());
    }

    @EventSourcingHandler
    void on(DaysRestoredEvent e) {
        deductions.remove(e.leaveRequestId());
        deducted = deducted.subtract(e.days());
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
