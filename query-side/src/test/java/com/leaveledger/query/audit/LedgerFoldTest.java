package com.leaveledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.query.audit.LedgerFold.AccountBalance;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerFoldTest {

    @Test
    void foldsAccountEventsWithTheLedgersArithmetic() {
        LedgerFold fold = new LedgerFold();
        fold.apply("EntitlementGrantedEvent", "eli:ANNUAL:2027", new BigDecimal("30.0"));
        fold.apply("CarriedOverEvent", "eli:ANNUAL:2027", new BigDecimal("2.5"));
        fold.apply("BalanceAdjustedEvent", "eli:ANNUAL:2027", new BigDecimal("-1.0"));
        fold.apply("DaysReservedEvent", "eli:ANNUAL:2027", new BigDecimal("5.0"));
        fold.apply("DaysDeductedEvent", "eli:ANNUAL:2027", new BigDecimal("5.0"));
        fold.apply("DaysReservedEvent", "eli:ANNUAL:2027", new BigDecimal("2.0"));
        fold.apply("ReservationReleasedEvent", "eli:ANNUAL:2027", new BigDecimal("2.0"));
        fold.apply("DaysReservedEvent", "eli:ANNUAL:2027", new BigDecimal("0.5"));
        fold.apply("DaysReservedEvent", "eli:SICK:2027", new BigDecimal("3.0"));
        fold.apply("DaysDeductedEvent", "eli:SICK:2027", new BigDecimal("3.0"));
        fold.apply("DaysRestoredEvent", "eli:SICK:2027", new BigDecimal("3.0"));

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
        LedgerFold fold = new LedgerFold();
        fold.apply("EntitlementGrantedEvent", "eli:ANNUAL:2027", new BigDecimal("10.0"));
        fold.apply("SomethingNewEvent", "eli:ANNUAL:2027", new BigDecimal("99.0"));

        assertThat(fold.applied()).isEqualTo(1);
        assertThat(fold.balances().get(0).available()).isEqualByComparingTo("10.0");
    }

    @Test
    void ordersBalancesByYearThenLeaveType() {
        LedgerFold fold = new LedgerFold();
        fold.apply("EntitlementGrantedEvent", "eli:SICK:2026", BigDecimal.ONE);
        fold.apply("EntitlementGrantedEvent", "eli:ANNUAL:2027", BigDecimal.ONE);
        fold.apply("EntitlementGrantedEvent", "eli:ANNUAL:2026", BigDecimal.ONE);

        assertThat(fold.balances()).extracting(b -> b.year() + " " + b.leaveType())
                .containsExactly("2026 ANNUAL", "2026 SICK", "2027 ANNUAL");
    }

    @Test
    void accrualsAddToGrantedAndDaysCarriedForwardOrLapsedLeaveCarried() {
        LedgerFold fold = new LedgerFold();
        fold.apply("DaysAccruedEvent", "eli:PARENTAL:2027", new BigDecimal("2.5"));
        fold.apply("DaysAccruedEvent", "eli:PARENTAL:2027", new BigDecimal("2.5"));
        fold.apply("EntitlementGrantedEvent", "eli:ANNUAL:2027", new BigDecimal("20.0"));
        fold.apply("BalanceCarriedForwardEvent", "eli:ANNUAL:2027", new BigDecimal("5.0"));
        fold.apply("CarriedOverEvent", "eli:ANNUAL:2028", new BigDecimal("5.0"));
        fold.apply("CarriedDaysExpiredEvent", "eli:ANNUAL:2028", new BigDecimal("3.0"));

        List<AccountBalance> balances = fold.balances();

        assertThat(balances).extracting(b -> b.leaveType() + " " + b.year() + " " + b.granted() + " " + b.carried()
                + " " + b.available()).containsExactly("ANNUAL 2027 20.0 -5.0 15.0", "PARENTAL 2027 5.0 0.0 5.0",
                "ANNUAL 2028 0.0 2.0 2.0");
        assertThat(fold.applied()).isEqualTo(6);
    }
}
