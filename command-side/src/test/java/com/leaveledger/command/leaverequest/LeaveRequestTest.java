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
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.ApproveLeaveCommand;
import com.leaveledger.kernel.leaverequest.CancelLeaveCommand;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.RejectLeaveCommand;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LeaveRequestTest {

    private LedgerTestHarness ledger = new LedgerTestHarness()
            .given(team())
            .given(grant(E1, LeaveType.ANNUAL, 2027, "20"), grant(E1, LeaveType.ANNUAL, 2028, "20"),
                    grant(E1, LeaveType.PARENTAL, 2027, "60"));

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    @Test
    void reservesDaysOnSubmit() {
        // Mon 1 March – Fri 5 March 2027: five working days in Berlin.
        List<Object> events = ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "e1");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(LeaveRequestedEvent.class, e -> {
            assertThat(e.workingDays()).isEqualTo(Days.of("5"));
            assertThat(e.managerId()).isEqualTo(M1);
        });
        assertThat(events.get(1)).isEqualTo(new DaysReservedEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("5")));
        assertThat(ledger.isBooked(R1)).isTrue();
    }

    @Test
    void weekendsAndPublicHolidaysDoNotCount() {
        // Thu 4 – Tue 9 March 2027: Sat/Sun off, and 8 March (International Women's Day) is a holiday in Berlin.
        List<Object> events = ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-04", "2027-03-09"), "e1");
        assertThat(((LeaveRequestedEvent) events.get(0)).workingDays()).isEqualTo(Days.of("3"));
    }

    @Test
    void countsHalfDaysAtStartAndEnd() {
        List<Object> events = ledger.when(
                submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-03", true, true), "e1");
        assertThat(((LeaveRequestedEvent) events.get(0)).workingDays()).isEqualTo(Days.of("2"));
    }

    @Test
    void drawsEachDayFromTheAccountOfItsOwnYear() {
        // Tue 28 Dec 2027 – Tue 4 Jan 2028: 28–31 Dec are four working days, 1 Jan is a holiday, 3–4 Jan two days.
        List<Object> events = ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-12-28", "2028-01-04"), "e1");
        assertThat(((LeaveRequestedEvent) events.get(0)).shares())
                .containsExactly(new YearShare(2027, Days.of("4")), new YearShare(2028, Days.of("2")));
        assertThat(events.subList(1, 3)).containsExactly(
                new DaysReservedEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("4")),
                new DaysReservedEvent(account(E1, LeaveType.ANNUAL, 2028), R1, Days.of("2")));
    }

    @Test
    void refusesInsufficientBalance() {
        ledger.expectRefusal(submit(R1, E1, LeaveType.ANNUAL, "2027-04-01", "2027-05-31"), "e1",
                "insufficient-balance");
    }

    @Test
    void aFailedSpanOverNewYearLeavesNoHoldInEitherYear() {
        ledger.given(new com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand(
                account(E1, LeaveType.ANNUAL, 2028), Days.of("-19"), "only one day left in 2028"));
        // 2027's share would fit; 2028's two days do not: nothing at all is stored, the period stays free.
        ledger.expectRefusal(submit(R1, E1, LeaveType.ANNUAL, "2027-12-28", "2028-01-04"), "e1",
                "insufficient-balance");
        assertThat(ledger.isBooked(R1)).isFalse();
        assertThat(ledger.when(submit(R2, E1, LeaveType.ANNUAL, "2027-12-28", "2027-12-31"), "e1")).hasSize(2);
    }

    @Test
    void unpaidLeaveMayGoNegative() {
        List<Object> events = ledger.when(submit(R1, E1, LeaveType.UNPAID, "2027-03-01", "2027-03-05"), "e1");
        assertThat(events.get(1)).isEqualTo(new DaysReservedEvent(account(E1, LeaveType.UNPAID, 2027), R1, Days.of("5")));
    }

    @Test
    void sickLeaveNeedsNoApproval() {
        List<Object> events = ledger.when(submit(R1, E1, LeaveType.SICK, "2027-03-01", "2027-03-02"), "e1");
        assertThat(events).hasSize(4);
        assertThat(events.get(2)).isInstanceOfSatisfying(LeaveApprovedEvent.class,
                e -> assertThat(e.approvedBy()).isEqualTo(LeaveRequest.SYSTEM));
        assertThat(events.get(3)).isEqualTo(new DaysDeductedEvent(account(E1, LeaveType.SICK, 2027), R1, Days.of("2")));
    }

    @Test
    void parentalLeaveIsTakenInWholeDays() {
        ledger.expectRefusal(submit(R1, E1, LeaveType.PARENTAL, "2027-03-01", "2027-03-05", true, false), "e1",
                "half-days-not-allowed");
    }

    @Test
    void refusesOverlappingRequest() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(submit(R2, E1, LeaveType.UNPAID, "2027-03-05", "2027-03-10"), "e1", "overlapping-request");
    }

    @Test
    void anotherEmployeeMayTakeTheSameDays() {
        ledger.given(grant(E2, LeaveType.ANNUAL, 2027, "10"), submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        assertThat(ledger.when(submit(R2, E2, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "e2")).hasSize(2);
    }

    @Test
    void refusesAPeriodWithoutWorkingDays() {
        ledger.expectRefusal(submit(R1, E1, LeaveType.ANNUAL, "2027-03-06", "2027-03-07"), "e1", "no-working-days");
    }

    @Test
    void refusesEndBeforeStart() {
        ledger.expectRefusal(submit(R1, E1, LeaveType.ANNUAL, "2027-03-05", "2027-03-01"), "e1", "invalid-period");
    }

    @Test
    void refusesBothHalvesOfASingleDay() {
        ledger.expectRefusal(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-01", true, true), "e1",
                "invalid-half-day");
    }

    @Test
    void refusesLeaveThatNeedsApprovalWhenNobodyCanApprove() {
        ledger.given(grant(M1, LeaveType.ANNUAL, 2027, "10"));
        ledger.expectRefusal(submit(R1, M1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "m1", "no-approver");
    }

    @Test
    void refusesUnregisteredEmployee() {
        ledger.expectRefusal(submit(R1, new EmployeeId("ghost"), LeaveType.ANNUAL, "2027-03-01", "2027-03-05"),
                "ghost", "employee-not-found");
    }

    @Test
    void deductsDaysOnApproval() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        assertThat(ledger.when(new ApproveLeaveCommand(R1, M1, false, "enjoy"), "m1")).containsExactly(
                new LeaveApprovedEvent(R1, E1, M1, "enjoy"),
                new DaysDeductedEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("5")));
    }

    @Test
    void cannotApproveOwnRequest() {
        ledger.given(register(new EmployeeId("boss"), null), register(new EmployeeId("self"), new EmployeeId("boss")),
                grant(new EmployeeId("self"), LeaveType.ANNUAL, 2027, "10"),
                submit(R1, new EmployeeId("self"), LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, new EmployeeId("self"), false, "ok"), "self", "own-request");
    }

    @Test
    void onlyTheEmployeesManagerApproves() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M2, false, "ok"), "m2", "not-the-manager");
        ledger.expectRefusal(new RejectLeaveCommand(R1, E2, false, "no"), "e2", "not-the-manager");
    }

    @Test
    void cannotApproveTwiceSoDaysAreDeductedOnce() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "ok"), "m1");
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M1, false, "ok"), "m1", "request-not-pending");
    }

    @Test
    void refusesAnUnknownRequest() {
        ledger.expectRefusal(new ApproveLeaveCommand(R2, M1, false, "ok"), "m1", "leave-request-not-found");
    }

    @Test
    void releasesReservationOnRejection() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        assertThat(ledger.when(new RejectLeaveCommand(R1, M1, false, "release week"), "m1")).containsExactly(
                new LeaveRejectedEvent(R1, E1, M1, "release week"),
                new ReservationReleasedEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("5")));
        assertThat(ledger.isBooked(R1)).isFalse();
        assertThat(ledger.when(submit(R2, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "e1")).hasSize(2);
    }

    @Test
    void releasesReservationWhenPendingRequestIsCancelled() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        assertThat(ledger.when(new CancelLeaveCommand(R1, E1, "no longer needed"), "e1")).containsExactly(
                new LeaveCancelledEvent(R1, E1, E1, LeaveRequestStatus.SUBMITTED, "no longer needed"),
                new ReservationReleasedEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("5")));
        assertThat(ledger.isBooked(R1)).isFalse();
    }

    @Test
    void restoresDaysWhenApprovedLeaveIsCancelled() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "ok"), "m1");
        assertThat(ledger.when(new CancelLeaveCommand(R1, E1, "sick child"), "e1")).containsExactly(
                new LeaveCancelledEvent(R1, E1, E1, LeaveRequestStatus.APPROVED, "sick child"),
                new DaysRestoredEvent(account(E1, LeaveType.ANNUAL, 2027), R1, Days.of("5")));
    }

    @Test
    void refusesCancellingApprovedLeaveThatHasStarted() {
        ledger.shutdown();
        ledger = new LedgerTestHarness(LocalDate.of(2027, 3, 3)).given(team())
                .given(grant(E1, LeaveType.ANNUAL, 2027, "20"), submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.send(new ApproveLeaveCommand(R1, M1, false, "ok"), "m1");
        ledger.expectRefusal(new CancelLeaveCommand(R1, E1, "too late"), "e1", "leave-already-started");
    }

    @Test
    void aPendingRequestMayBeCancelledEvenAfterItsStart() {
        ledger.shutdown();
        ledger = new LedgerTestHarness(LocalDate.of(2027, 3, 3)).given(team())
                .given(grant(E1, LeaveType.ANNUAL, 2027, "20"), submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        assertThat(ledger.when(new CancelLeaveCommand(R1, E1, "never approved"), "e1")).hasSize(2);
    }

    @Test
    void onlyTheEmployeeCancels() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.expectRefusal(new CancelLeaveCommand(R1, M1, "mine now"), "m1", "not-the-owner");
    }

    @Test
    void aRejectedRequestCannotBeCancelled() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"));
        ledger.send(new RejectLeaveCommand(R1, M1, false, "no"), "m1");
        ledger.expectRefusal(new CancelLeaveCommand(R1, E1, "x"), "e1", "request-not-cancellable");
        ledger.expectRefusal(new ApproveLeaveCommand(R1, M1, false, "changed my mind"), "m1", "request-not-pending");
    }
}
