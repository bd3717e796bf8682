package com.leaveledger.command.employee;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.M1;
import static com.leaveledger.command.Fixtures.M2;
import static com.leaveledger.command.Fixtures.team;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.employee.ApprovalsDelegatedEvent;
import com.leaveledger.kernel.employee.DelegateApprovalsCommand;
import com.leaveledger.kernel.employee.DelegationRevokedEvent;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.RevokeDelegationCommand;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules of a manager's delegation of their approvals (the harness's today: 15 January 2027). */
class DelegationTest {

    private final LedgerTestHarness ledger = new LedgerTestHarness().given(team());

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    private static DelegateApprovalsCommand delegation(String id, EmployeeId delegate, String from, String to) {
        return new DelegateApprovalsCommand(M1, id, delegate, LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void recordsADelegationForAPeriod() {
        assertThat(ledger.when(delegation("d1", M2, "2027-01-18", "2027-01-29"), "m1")).containsExactly(
                new ApprovalsDelegatedEvent(M1, "d1", M2, LocalDate.parse("2027-01-18"), LocalDate.parse("2027-01-29")));
    }

    @Test
    void refusesDelegatingToOneself() {
        ledger.expectRefusal(delegation("d1", M1, "2027-01-18", "2027-01-29"), "m1", "own-delegate");
    }

    @Test
    void refusesAPeriodEndingBeforeItStarts() {
        ledger.expectRefusal(delegation("d1", M2, "2027-01-29", "2027-01-18"), "m1", "invalid-period");
    }

    @Test
    void refusesAPeriodAlreadyOver() {
        ledger.expectRefusal(delegation("d1", M2, "2027-01-04", "2027-01-08"), "m1", "delegation-in-the-past");
    }

    @Test
    void refusesAnUnregisteredDelegate() {
        ledger.expectRefusal(delegation("d1", new EmployeeId("ghost"), "2027-01-18", "2027-01-29"), "m1",
                "unknown-delegate");
    }

    @Test
    void refusesAnErasedDelegate() {
        ledger.given(new EraseSubjectCommand(M2, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(delegation("d1", M2, "2027-01-18", "2027-01-29"), "m1", "delegate-erased");
    }

    @Test
    void refusesOverlappingPeriodsOfOneDelegateButAllowsASecondDelegate() {
        ledger.given(delegation("d1", M2, "2027-01-18", "2027-01-29"));
        ledger.expectRefusal(delegation("d2", M2, "2027-01-29", "2027-02-05"), "m1", "overlapping-delegation");
        assertThat(ledger.when(delegation("d3", E1, "2027-01-25", "2027-02-05"), "m1")).hasSize(1);
        assertThat(ledger.when(delegation("d4", M2, "2027-01-30", "2027-02-05"), "m1")).hasSize(1);
    }

    @Test
    void revokesADelegationOnce() {
        ledger.given(delegation("d1", M2, "2027-01-18", "2027-01-29"));
        assertThat(ledger.when(new RevokeDelegationCommand(M1, "d1"), "m1"))
                .containsExactly(new DelegationRevokedEvent(M1, "d1"));
        ledger.expectRefusal(new RevokeDelegationCommand(M1, "d1"), "m1", "delegation-not-found");
    }

    @Test
    void refusesRevokingAnUnknownDelegation() {
        ledger.expectRefusal(new RevokeDelegationCommand(M1, "nope"), "m1", "delegation-not-found");
        ledger.expectRefusal(new RevokeDelegationCommand(new EmployeeId("ghost"), "nope"), "hr", "employee-not-found");
    }
}
