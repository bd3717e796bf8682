package com.leaveledger.command.leaveaccount;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.account;
import static com.leaveledger.command.Fixtures.grant;
import static com.leaveledger.command.Fixtures.team;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.CarryOverCommand;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaveAccountTest {

    private final LedgerTestHarness ledger = new LedgerTestHarness().given(team());

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    @Test
    void grantsEntitlement() {
        assertThat(ledger.when(grant(E1, LeaveType.ANNUAL, 2027, "25.5"), "hr")).containsExactly(
                new EntitlementGrantedEvent(account(E1, LeaveType.ANNUAL, 2027), Days.of("25.5"), "contract"));
    }

    @Test
    void grantedDaysMayExpireLater() {
        assertThat(ledger.when(new com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand(
                account(E1, LeaveType.ANNUAL, 2027), Days.of("5"), "carry window",
                java.time.LocalDate.of(2028, 3, 31)), "hr")).containsExactly(new EntitlementGrantedEvent(
                account(E1, LeaveType.ANNUAL, 2027), Days.of("5"), "carry window", java.time.LocalDate.of(2028, 3, 31)));
        ledger.expectRefusal(new com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand(
                account(E1, LeaveType.ANNUAL, 2027), Days.of("5"), "x", java.time.LocalDate.of(2026, 12, 31)), "hr",
                "invalid-expiry");
    }

    @Test
    void refusesGrantOfZeroOrNegativeDays() {
        ledger.expectRefusal(grant(E1, LeaveType.ANNUAL, 2027, "0"), "hr", "invalid-days");
        ledger.expectRefusal(grant(E1, LeaveType.ANNUAL, 2027, "-3"), "hr", "invalid-days");
    }

    @Test
    void refusesDaysThatAreNotHalfDays() {
        ledger.expectRefusal(grant(E1, LeaveType.ANNUAL, 2027, "1.25"), "hr", "invalid-days");
    }

    @Test
    void refusesGrantToAnUnregisteredEmployee() {
        ledger.expectRefusal(grant(new EmployeeId("ghost"), LeaveType.ANNUAL, 2027, "10"), "hr",
                "employee-not-found");
    }

    @Test
    void adjustsWithAReason() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2027, "10"));
        assertThat(ledger.when(adjust("-2.5", "overbooked in 2026"), "hr")).containsExactly(
                new BalanceAdjustedEvent(account(E1, LeaveType.ANNUAL, 2027), Days.of("-2.5"), "overbooked in 2026"));
    }

    @Test
    void refusesAdjustmentWithoutReason() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2027, "10"));
        ledger.expectRefusal(adjust("1", " "), "hr", "reason-required");
    }

    @Test
    void refusesAdjustmentBelowZeroForAnnualLeave() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2027, "2"));
        ledger.expectRefusal(adjust("-3", "correction"), "hr", "insufficient-balance");
    }

    @Test
    void allowsUnpaidLeaveToGoNegative() {
        AdjustBalanceCommand command = new AdjustBalanceCommand(account(E1, LeaveType.UNPAID, 2027),
                new BigDecimal("-3"), "correction");
        assertThat(ledger.when(command, "hr")).hasSize(1);
    }

    @Test
    void carriesOverFromAnEarlierYearOnly() {
        assertThat(ledger.when(new CarryOverCommand(account(E1, LeaveType.ANNUAL, 2027), Days.of("3"), 2026,
                "carry-over"), "hr")).singleElement().isInstanceOf(CarriedOverEvent.class);
        ledger.expectRefusal(new CarryOverCommand(account(E1, LeaveType.ANNUAL, 2027), Days.of("3"), 2027,
                "carry-over"), "hr", "invalid-carry-over");
    }

    private static AdjustBalanceCommand adjust(String days, String reason) {
        return new AdjustBalanceCommand(account(E1, LeaveType.ANNUAL, 2027), new BigDecimal(days), reason);
    }
}
