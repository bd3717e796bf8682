package com.leaveledger.command.leaverequest;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.E2;
import static com.leaveledger.command.Fixtures.M1;
import static com.leaveledger.command.Fixtures.R1;
import static com.leaveledger.command.Fixtures.R2;
import static com.leaveledger.command.Fixtures.M2;
import static com.leaveledger.command.Fixtures.account;
import static com.leaveledger.command.Fixtures.grant;
import static com.leaveledger.command.Fixtures.register;
import static com.leaveledger.command.Fixtures.submit;
import static com.leaveledger.command.Fixtures.team;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.DelegateApprovalsCommand;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.RevokeDelegationCommand;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.ApproveLeaveCommand;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.RejectLeaveCommand;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-level approval, delegation and escalation under the default policies (PARENTAL: the manager, then HR;
 * ANNUAL: HR too over 10 working days; escalation after 5 working days). The harness's today: Friday 15 January 2027.
 */
class ApprovalLevelsTest {

    private static final EmployeeId HR = new EmployeeId("hr-1");
    private static final EmployeeId TOP = new EmployeeId("top");
    /** A manager reporting to {@link #TOP}, and their report: a chain of three for escalation. */
    private static final EmployeeId MID = new EmployeeId("mid");
    private static final EmployeeId E3 = new EmployeeId("e3");

    private LedgerTestHarness ledger = new LedgerTestHarness()
            .given(register(TOP, null))
            .given(team())
            .given(grant(E1, LeaveType.ANNUAL, 2027, "30"), grant(E1, LeaveType.PARENTAL, 2027, "60"),
                    grant(E2, LeaveType.ANNUAL, 2027, "30"));

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    private void submitParental() {
        ledger.given(submit(R1, E1, LeaveType.PARENTAL, "2027-03-01", "2027-03-05"));
    }

    @Test
    void aLongAnnualLeaveAwaitsTheManagerThenHr() {
        // 1 – 16 March 2027: eleven working days in Berlin (8 March is a holiday).
        Object requested = ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-16"), "e1").get(0);
        assertThat(requested).isInstanceOfSatisfying(LeaveRequestedEvent.class,
                e -> assertThat(e.approvals()).containsExactly(Approver.MANAGER, Approver.HR));
        Object shortOne = ledger.when(submit(R2, E2, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "e2").get(0);
        assertThat(shortOne).isInstanceOfSatisfying(LeaveRequestedEvent.class,
                e -> assertThat(e.approvals()).containsExactly(Approver.MANAGER));
    }

    @Test
    void theManagersApprovalOfAnHrLevelRequestKeepsTheDaysReserved() {
        submitParental();
        assertThat(ledger.when(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1")).containsExactly(
                new LeaveLevelApprovedEvent(R1, E1, 1, Approver.MANAGER, M1, null, "fine", Approver.HR));
    }

    @Test
    void hrsApprovalOfTheLastLevelDeductsTheDays() {
        submitParental();
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1");
        assertThat(ledger.when(new ApproveLeaveCommand(R1, HR, true, "ok"), "hr-1")).containsExactly(
                new LeaveApprovedEvent(R1, E1, HR, "ok", null),
                new DaysDeductedEvent(account(E1, LeaveType.PARENTAL, 2027), R1, Days.of("5")));
    }

    @Test
    void anHrLevelIsDecidedOnlyByHr() {
        submitParental();
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1");
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M2, false, "ok"), "m2", "not-the-approver");
        ledger.expectRefusal(new RejectLeaveCommand(R1, M1, false, "no"), "m1", "not-the-approver");
    }

    @Test
    void aManagerLevelIsNotDecidedByHr() {
        submitParental();
        ledger.expectRefusal(new ApproveLeaveCommand(R1, HR, true, "ok"), "hr-1", "not-the-manager");
    }

    @Test
    void nobodyApprovesTwoLevels() {
        submitParental();
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1");
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M1, true, "as HR too"), "m1", "already-approved-by-you");
    }

    @Test
    void hrMayNotApproveTheirOwnRequest() {
        ledger.given(register(new EmployeeId("hr-2"), M1), grant(new EmployeeId("hr-2"), LeaveType.PARENTAL, 2027, "60"),
                submit(R1, new EmployeeId("hr-2"), LeaveType.PARENTAL, "2027-03-01", "2027-03-05"));
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1");
        ledger.expectRefusal(new ApproveLeaveCommand(R1, new EmployeeId("hr-2"), true, "me"), "hr-2", "own-request");
    }

    @Test
    void aRejectionAtTheHrLevelReleasesTheDays() {
        submitParental();
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "fine"), "m1");
        assertThat(ledger.when(new RejectLeaveCommand(R1, HR, true, "paperwork missing"), "hr-1")).containsExactly(
                new LeaveRejectedEvent(R1, E1, HR, "paperwork missing", null),
                new ReservationReleasedEvent(account(E1, LeaveType.PARENTAL, 2027), R1, Days.of("5")));
        assertThat(ledger.isBooked(R1)).isFalse();
    }

    @Test
    void aDelegateDecidesOnTheManagersBehalfDuringThePeriod() {
        ledger.given(new DelegateApprovalsCommand(M1, "d1", M2, LocalDate.parse("2027-01-15"),
                LocalDate.parse("2027-01-29")), submitParentalCommand());
        assertThat(ledger.when(new ApproveLeaveCommand(R1, M2, false, "for m1"), "m2")).containsExactly(
                new LeaveLevelApprovedEvent(R1, E1, 1, Approver.MANAGER, M2, M1, "for m1", Approver.HR));
    }

    @Test
    void aDelegateRejectsOnTheManagersBehalf() {
        ledger.given(new DelegateApprovalsCommand(M1, "d1", M2, LocalDate.parse("2027-01-15"),
                LocalDate.parse("2027-01-29")), submitParentalCommand());
        assertThat(ledger.when(new RejectLeaveCommand(R1, M2, false, "team is short"), "m2")).startsWith(
                new LeaveRejectedEvent(R1, E1, M2, "team is short", M1));
    }

    @Test
    void aDelegateDecidesNothingOutsideThePeriodOrAfterRevocation() {
        ledger.given(new DelegateApprovalsCommand(M1, "d1", M2, LocalDate.parse("2027-01-18"),
                LocalDate.parse("2027-01-29")), submitParentalCommand());
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M2, false, "too early"), "m2", "not-the-manager");
        ledger.advanceTo(LocalDate.parse("2027-01-18"));
        ledger.given(new RevokeDelegationCommand(M1, "d1"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M2, false, "revoked"), "m2", "not-the-manager");
        ledger.advanceTo(LocalDate.parse("2027-01-30"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M2, false, "too late"), "m2", "not-the-manager");
    }

    @Test
    void aDelegateNeverDecidesTheirOwnRequest() {
        ledger.given(new DelegateApprovalsCommand(M1, "d1", E2, LocalDate.parse("2027-01-15"),
                LocalDate.parse("2027-01-29")), submit(R2, E2, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(new ApproveLeaveCommand(R2, E2, false, "granted"), "e2", "own-request");
    }

    @Test
    void theManagersManagerDecidesOnceTheRequestWaitedTheEscalationPeriod() {
        ledger.given(register(MID, TOP), register(E3, MID), grant(E3, LeaveType.ANNUAL, 2027, "30"),
                submit(R1, E3, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, TOP, false, "ok"), "top", "not-the-manager");
        // Submitted on Friday 15 January: Monday 18 to Thursday 21 are four working days, Friday 22 the fifth.
        ledger.advanceTo(LocalDate.parse("2027-01-21"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, TOP, false, "ok"), "top", "not-the-manager");
        ledger.advanceTo(LocalDate.parse("2027-01-22"));
        assertThat(ledger.when(new ApproveLeaveCommand(R1, TOP, false, "escalated"), "top")).startsWith(
                new LeaveApprovedEvent(R1, E3, TOP, "escalated", MID));
    }

    @Test
    void theEscalationPeriodIsConfiguredAndCountsFromTheLastLevelPassed() {
        ledger.shutdown();
        LeavePolicies defaults = LeavePolicyConfiguration.defaults();
        LeavePolicies policies = new LeavePolicies(defaults.types(), new LeavePolicies.Reminders(1, 1));
        ledger = new LedgerTestHarness(LocalDate.parse("2027-01-15"), policies)
                .given(register(TOP, null), register(MID, TOP), register(E3, MID),
                        grant(E3, LeaveType.ANNUAL, 2027, "30"),
                        submit(R1, E3, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.advanceTo(LocalDate.parse("2027-01-17"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, TOP, false, "a weekend only"), "top", "not-the-manager");
        ledger.advanceTo(LocalDate.parse("2027-01-18"));
        assertThat(ledger.when(new ApproveLeaveCommand(R1, TOP, false, "one working day"), "top")).startsWith(
                new LeaveApprovedEvent(R1, E3, TOP, "one working day", MID));
    }

    @Test
    void anEscalatedManagerCannotDecideAnHrLevel() {
        ledger.given(register(MID, TOP), register(E3, MID), grant(E3, LeaveType.PARENTAL, 2027, "60"),
                submit(R1, E3, LeaveType.PARENTAL, "2027-03-01", "2027-03-05"));
        ledger.send(new ApproveLeaveCommand(R1, MID, false, "fine"), "mid");
        ledger.advanceTo(LocalDate.parse("2027-02-15"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, TOP, false, "late"), "top", "not-the-approver");
    }

    private Object submitParentalCommand() {
        return submit(R1, E1, LeaveType.PARENTAL, "2027-03-01", "2027-03-05");
    }
}
