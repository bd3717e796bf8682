package com.leaveledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.query.audit.LedgerFold.AccountBalance;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerFoldTest {

    @Test
    void foldsAccountEventsWithTheLedgersArithmetic() {
        LedgerFold fold = folded(
                "EntitlementGrantedEvent eli:ANNUAL:2027 30.0",
                "CarriedOverEvent eli:ANNUAL:2027 2.5",
                "BalanceAdjustedEvent eli:ANNUAL:2027 -1.0",
                "DaysReservedEvent eli:ANNUAL:2027 5.0",
                "DaysDeductedEvent eli:ANNUAL:2027 5.0",
                "DaysReservedEvent eli:ANNUAL:2027 2.0",
                "ReservationReleasedEvent eli:ANNUAL:2027 2.0",
                "DaysReservedEvent eli:ANNUAL:2027 0.5",
                "DaysReservedEvent eli:SICK:2027 3.0",
                "DaysDeductedEvent eli:SICK:2027 3.0",
                "DaysRestoredEvent eli:SICK:2027 3.0");

        List<AccountBalance> balances = fold.balances();

        assertThat(balances).extracting(AccountBalance::leaveType).containsExactly("ANNUAL", "SICK");
        AccountBalance annual = balances.get(0);
        assertThat(annual.granted()).isEqualByComparingTo("30.0");
        assertThat(annual.carried()).isEqualByComparingTo("2.5");
        assertThat(annual.adjusted()).isEqualByComparingTo("-1.0");
        assertThat(annual.deducted()).isEqualByComparingTo("5.0");
        assertThat(annual.reserved()).isEqualByComparingTo("0.5");
        assertThat(annual.available()).isEqualByComparingTo("26.0");
        AccountBalance sick = balances.get(1);
        assertThat(sick.deducted()).isEqualByComparingTo("0.0");
        assertThat(sick.available()).isEqualByComparingTo("0.0");
        assertThat(fold.applied()).isEqualTo(11);
    }

    @Test
    void skipsEventTypesItDoesNotKnow() {
        LedgerFold fold = folded(
                "EntitlementGrantedEvent eli:ANNUAL:2027 10.0",
                "SomethingNewEvent eli:ANNUAL:2027 99.0");

        assertThat(fold.applied()).isEqualTo(1);
        assertThat(fold.balances().get(0).available()).isEqualByComparingTo("10.0");
    }

    @Test
    void ordersBalancesByYearThenLeaveType() {
        LedgerFold fold = folded(
                "EntitlementGrantedEvent eli:SICK:2026 1",
                "EntitlementGrantedEvent eli:ANNUAL:2027 1",
                "EntitlementGrantedEvent eli:ANNUAL:2026 1");

        assertThat(fold.balances()).extracting(b -> b.year() + " " + b.leaveType())
                .containsExactly("2026 ANNUAL", "2026 SICK", "2027 ANNUAL");
    }

    @Test
    void accrualsAddToGrantedAndDaysCarriedForwardOrLapsedLeaveCarried() {
        LedgerFold fold = folded(
                "DaysAccruedEvent eli:PARENTAL:2027 2.5",
                "DaysAccruedEvent eli:PARENTAL:2027 2.5",
                "EntitlementGrantedEvent eli:ANNUAL:2027 20.0",
                "BalanceCarriedForwardEvent eli:ANNUAL:2027 5.0",
                "CarriedOverEvent eli:ANNUAL:2028 5.0",
                "CarriedDaysExpiredEvent eli:ANNUAL:2028 3.0");

        List<AccountBalance> balances = fold.balances();

        assertThat(balances).extracting(b -> b.leaveType() + " " + b.year() + " " + b.granted() + " " + b.carried()
                + " " + b.available()).containsExactly("ANNUAL 2027 20.0 -5.0 15.0", "PARENTAL 2027 5.0 0.0 5.0",
                "ANNUAL 2028 0.0 2.0 2.0");
        assertThat(fold.applied()).isEqualTo(6);
    }

    /** A fold that applied these events, each written "type account days". */
    private static LedgerFold folded(String... events) {
        LedgerFold fold = new LedgerFold();
        for (String event : events) {
            String[] parts = event.split(" ");
            fold.apply(parts[0], parts[1], new BigDecimal(parts[2]));
        }
        return fold;
    }
}
