package com.leaveledger.command.leaveaccount;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.account;
import static com.leaveledger.command.Fixtures.grant;
import static com.leaveledger.command.Fixtures.submit;
import static com.leaveledger.command.Fixtures.team;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.leaveaccount.AccrueDaysCommand;
import com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand;
import com.leaveledger.kernel.leaveaccount.BalanceCarriedForwardEvent;
import com.leaveledger.kernel.leaveaccount.CarriedDaysExpiredEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.CarryForwardCommand;
import com.leaveledger.kernel.leaveaccount.DaysAccruedEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.ExpireCarriedDaysCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicy;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Monthly accrual, year-end carry-over and the lapse of carried days: each once per account, by rule. */
class AccrualAndYearEndTest {

    private static final LocalDate JANUARY_2027 = LocalDate.of(2027, 1, 15);
    private static final LocalDate APRIL_2027 = LocalDate.of(2027, 4, 2);
    private static final LeaveAccountId ANNUAL_2026 = account(E1, LeaveType.ANNUAL, 2026);
    private static final LeaveAccountId ANNUAL_2027 = account(E1, LeaveType.ANNUAL, 2027);
    private static final LeaveAccountId PARENTAL_2027 = account(E1, LeaveType.PARENTAL, 2027);
    private static final LocalDate END_OF_MARCH = LocalDate.of(2027, 3, 31);

    /** PARENTAL accrues 2.5 days a month in these tests; ANNUAL carries over up to 5 days until 31 March (defaults). */
    private static LeavePolicies accruing() {
        LeavePolicies defaults = LeavePolicyConfiguration.defaults();
        LeavePolicy parental = defaults.of(LeaveType.PARENTAL);
        return defaults.with(LeaveType.PARENTAL, new LeavePolicy(parental.allowsHalfDays(), parental.mayGoNegative(),
                parental.approvals(), new LeavePolicy.Accrual(Days.of("2.5")), null));
    }

    /** In January: a year-end carry-over is made before its days expire, unless a test moves on to April. */
    private final LedgerTestHarness ledger = new LedgerTestHarness(JANUARY_2027, accruing()).given(team());

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    @Test
    void accruesTheDaysOfAMonthOnce() {
        ledger.advanceTo(APRIL_2027);
        assertThat(ledger.when(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 3)), "scheduler"))
                .containsExactly(new DaysAccruedEvent(PARENTAL_2027, Days.of("2.5"), YearMonth.of(2027, 3)));
        assertThat(ledger.when(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 3)), "scheduler")).isEmpty();
        assertThat(ledger.when(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 4)), "scheduler"))
                .containsExactly(new DaysAccruedEvent(PARENTAL_2027, Days.of("2.5"), YearMonth.of(2027, 4)));
    }

    @Test
    void accruedDaysAreAvailable() {
        ledger.given(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 1)));
        ledger.expectRefusal(new AdjustBalanceCommand(PARENTAL_2027, Days.of("-3"), "correction"), "hr",
                "insufficient-balance");
        assertThat(ledger.when(new AdjustBalanceCommand(PARENTAL_2027, Days.of("-2.5"), "correction"), "hr"))
                .hasSize(1);
    }

    @Test
    void refusesAccrualOfAMonthNotStarted() {
        ledger.expectRefusal(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 5)), "scheduler",
                "period-not-started");
    }

    @Test
    void refusesAccrualOfAMonthOfAnotherYear() {
        ledger.expectRefusal(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2026, 12)), "scheduler",
                "invalid-period");
    }

    @Test
    void refusesAccrualForATypeThatDoesNotAccrue() {
        ledger.expectRefusal(new AccrueDaysCommand(ANNUAL_2027, YearMonth.of(2027, 1)), "scheduler",
                "no-accrual-policy");
    }

    @Test
    void refusesAccrualForAnUnknownOrErasedEmployee() {
        ledger.expectRefusal(new AccrueDaysCommand(account(new EmployeeId("ghost"), LeaveType.UNPAID, 2027),
                YearMonth.of(2027, 1)), "scheduler", "employee-not-found");
        ledger.given(new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(new AccrueDaysCommand(PARENTAL_2027, YearMonth.of(2027, 1)), "scheduler",
                "employee-erased");
    }

    /** The unused balance carries into the next year up to the cap (5 days): all of it below, the cap above. */
    @ParameterizedTest(name = "{0} unused carry {1}")
    @CsvSource({"20, 5", "3, 3"})
    void carriesTheUnusedBalanceUpToTheCapIntoTheNextYear(String unused, String carried) {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, unused));
        assertThat(ledger.when(new CarryForwardCommand(ANNUAL_2026), "hr")).containsExactly(
                new BalanceCarriedForwardEvent(ANNUAL_2026, Days.of(carried), 2027),
                new CarriedOverEvent(ANNUAL_2027, Days.of(carried), 2026, "year-end carry-over from 2026",
                        END_OF_MARCH));
    }

    @Test
    void carriesOverOnceOnly() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026));
        assertThat(ledger.when(new CarryForwardCommand(ANNUAL_2026), "hr")).isEmpty();
        CarryForwardOutcome again = ledger.send(new CarryForwardCommand(ANNUAL_2026), "hr");
        assertThat(again.done()).isFalse();
    }

    @Test
    void anEmptyAccountRecordsItsCloseWithoutCarryingAnything() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "2"),
                new AdjustBalanceCommand(ANNUAL_2026, Days.of("-2"), "all taken"));
        assertThat(ledger.when(new CarryForwardCommand(ANNUAL_2026), "hr")).containsExactly(
                new BalanceCarriedForwardEvent(ANNUAL_2026, Days.of("0"), 2027));
    }

    @Test
    void theCarriedDaysLeaveTheClosedYear() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "7"), new CarryForwardCommand(ANNUAL_2026));
        // 7 − 5 carried = 2 left in 2026: a correction of −3 would go below zero.
        ledger.expectRefusal(new AdjustBalanceCommand(ANNUAL_2026, Days.of("-3"), "x"), "hr",
                "insufficient-balance");
    }

    @Test
    void refusesCarryOverForATypeWithoutACarryOverPolicy() {
        ledger.given(grant(E1, LeaveType.SICK, 2026, "10"));
        ledger.expectRefusal(new CarryForwardCommand(account(E1, LeaveType.SICK, 2026)), "hr",
                "no-carry-over-policy");
    }

    @Test
    void refusesCarryOverOfAYearNotEnded() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2027, "10"));
        ledger.expectRefusal(new CarryForwardCommand(ANNUAL_2027), "hr", "year-not-ended");
    }

    @Test
    void refusesCarryOverOfAnUnknownAccountEmployeeOrAnErasedEmployee() {
        ledger.expectRefusal(new CarryForwardCommand(ANNUAL_2026), "hr", "account-not-found");
        ledger.expectRefusal(new CarryForwardCommand(account(new EmployeeId("ghost"), LeaveType.ANNUAL, 2026)),
                "hr", "employee-not-found");
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "10"),
                new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(new CarryForwardCommand(ANNUAL_2026), "hr", "employee-erased");
    }

    @Test
    void carriedDaysNotTakenLapseAfterTheirExpiryOnce() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026));
        assertThat(ledger.when(new ExpireCarriedDaysCommand(ANNUAL_2027, END_OF_MARCH), "scheduler")).isEmpty();
        assertThat(ledger.when(new ExpireCarriedDaysCommand(ANNUAL_2027, END_OF_MARCH.plusDays(1)), "scheduler"))
                .containsExactly(new CarriedDaysExpiredEvent(ANNUAL_2027, Days.of("5"), END_OF_MARCH));
        assertThat(ledger.when(new ExpireCarriedDaysCommand(ANNUAL_2027, END_OF_MARCH.plusDays(2)), "scheduler"))
                .isEmpty();
    }

    @Test
    void daysTakenOrReservedCountAgainstCarriedDaysFirst() {
        LedgerTestHarness march = new LedgerTestHarness(LocalDate.of(2027, 3, 1), accruing()).given(team());
        try {
            march.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026),
                    grant(E1, LeaveType.ANNUAL, 2027, "25"));
            march.send(submit(new LeaveRequestId("r-carried"), E1, LeaveType.ANNUAL, "2027-03-15", "2027-03-17"),
                    "e1");
            assertThat(march.when(new ExpireCarriedDaysCommand(ANNUAL_2027, END_OF_MARCH.plusDays(1)), "scheduler"))
                    .containsExactly(new CarriedDaysExpiredEvent(ANNUAL_2027, Days.of("2"), END_OF_MARCH));
        } finally {
            march.shutdown();
        }
    }

    @Test
    void carriedDaysPastTheirExpiryLapseBeforeTheNextCommandOnTheAccount() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026));
        ledger.advanceTo(APRIL_2027);
        assertThat(ledger.when(grant(E1, LeaveType.ANNUAL, 2027, "25"), "hr")).containsExactly(
                new CarriedDaysExpiredEvent(ANNUAL_2027, Days.of("5"), END_OF_MARCH),
                new EntitlementGrantedEvent(ANNUAL_2027, Days.of("25"), "contract"));
    }

    @Test
    void aNewRequestNeverDrawsOnCarriedDaysPastTheirExpiry() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026));
        ledger.advanceTo(APRIL_2027);
        ledger.expectRefusal(submit(new LeaveRequestId("r-late"), E1, LeaveType.ANNUAL, "2027-04-12", "2027-04-13"),
                "e1", "insufficient-balance");
    }

    @Test
    void carriedDaysPastTheirExpiryLapseBeforeTheirYearIsCarriedOver() {
        LedgerTestHarness later = new LedgerTestHarness(LocalDate.of(2027, 1, 10), accruing()).given(team());
        try {
            later.given(grant(E1, LeaveType.ANNUAL, 2026, "20"), new CarryForwardCommand(ANNUAL_2026));
            later.advanceTo(LocalDate.of(2028, 1, 10));
            assertThat(later.when(new CarryForwardCommand(ANNUAL_2027), "hr")).containsExactly(
                    new CarriedDaysExpiredEvent(ANNUAL_2027, Days.of("5"), END_OF_MARCH),
                    new BalanceCarriedForwardEvent(ANNUAL_2027, Days.of("0"), 2028));
        } finally {
            later.shutdown();
        }
    }

    @Test
    void daysCarriedOverAfterTheirExpiryLapseInTheSameTransaction() {
        ledger.given(grant(E1, LeaveType.ANNUAL, 2026, "20"));
        ledger.advanceTo(APRIL_2027);
        assertThat(ledger.when(new CarryForwardCommand(ANNUAL_2026), "hr")).containsExactly(
                new BalanceCarriedForwardEvent(ANNUAL_2026, Days.of("5"), 2027),
                new CarriedOverEvent(ANNUAL_2027, Days.of("5"), 2026, "year-end carry-over from 2026", END_OF_MARCH),
                new CarriedDaysExpiredEvent(ANNUAL_2027, Days.of("5"), END_OF_MARCH));
    }
}
