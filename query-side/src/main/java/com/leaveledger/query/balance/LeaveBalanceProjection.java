package com.leaveledger.query.balance;

import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.BalanceCarriedForwardEvent;
import com.leaveledger.kernel.leaveaccount.CarriedDaysExpiredEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.DaysAccruedEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.query.projection.LedgerMessage;
import com.leaveledger.query.projection.ProjectionWriter;
import com.leaveledger.query.projection.ProjectionWriter.Statement;
import com.leaveledger.query.projection.TableNames;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * One row per ledger account with the same arithmetic as the LeaveAccount aggregate: granted, carried and adjusted
 * add up; a reservation holds days, a deduction turns the hold into taken days, a release drops the hold, a
 * restoration gives taken days back. Accrued days count as granted; {@code carried} is what was carried in, less
 * what the year-end carried forward into the next year and what lapsed. available = granted + carried + adjusted −
 * deducted − reserved.
 */
@ProcessingGroup(LeaveBalanceProjection.NAME)
public class LeaveBalanceProjection {

    public static final String NAME = "balances";
    public static final List<String> TABLES = List.of("leave_balance");

    private static final BigDecimal ZERO = BigDecimal.ZERO;

    private final ProjectionWriter writer;
    private final Statement upsert;

    public LeaveBalanceProjection(ProjectionWriter writer, TableNames tables) {
        this.writer = writer;
        this.upsert = writer.statement("insert into " + tables.of("leave_balance") + " as b (account_id, employee_id, "
                + "leave_type, year, granted, carried, adjusted, deducted, reserved, updated_at, last_seq) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (account_id) do update set "
                + "granted = b.granted + excluded.granted, carried = b.carried + excluded.carried, "
                + "adjusted = b.adjusted + excluded.adjusted, deducted = b.deducted + excluded.deducted, "
                + "reserved = b.reserved + excluded.reserved, updated_at = excluded.updated_at, "
                + "last_seq = excluded.last_seq where b.last_seq < excluded.last_seq");
    }

    @EventHandler
    void on(EntitlementGrantedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, event.days(), ZERO, ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(CarriedOverEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, event.days(), ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(DaysAccruedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, event.days(), ZERO, ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(BalanceCarriedForwardEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, event.days().negate(), ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(CarriedDaysExpiredEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, event.days().negate(), ZERO, ZERO, ZERO);
    }

    @EventHandler
    void on(BalanceAdjustedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, ZERO, event.days(), ZERO, ZERO);
    }

    @EventHandler
    void on(DaysReservedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, ZERO, ZERO, ZERO, event.days());
    }

    @EventHandler
    void on(ReservationReleasedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, ZERO, ZERO, ZERO, event.days().negate());
    }

    @EventHandler
    void on(DaysDeductedEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, ZERO, ZERO, event.days(), event.days().negate());
    }

    @EventHandler
    void on(DaysRestoredEvent event, EventMessage<?> message) {
        change(event.accountId(), message, ZERO, ZERO, ZERO, event.days().negate(), ZERO);
    }

    private void change(LeaveAccountId account, EventMessage<?> message, BigDecimal granted, BigDecimal carried,
                        BigDecimal adjusted, BigDecimal deducted, BigDecimal reserved) {
        LedgerMessage envelope = LedgerMessage.of(message);
        Objects.requireNonNull(account, "accountId");
        Objects.requireNonNull(granted, "days");
        Objects.requireNonNull(carried, "days");
        Objects.requireNonNull(adjusted, "days");
        Objects.requireNonNull(deducted, "days");
        Objects.requireNonNull(reserved, "days");
        writer.apply(upsert.with(account.asString(), account.employeeId().value(), account.leaveType(),
                account.year(), granted, carried, adjusted, deducted, reserved, envelope.timestamp(),
                envelope.sequenceNumber()));
    }
}
