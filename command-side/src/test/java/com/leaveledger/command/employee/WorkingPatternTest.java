package com.leaveledger.command.employee;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.M1;
import static com.leaveledger.command.Fixtures.R1;
import static com.leaveledger.command.Fixtures.R2;
import static com.leaveledger.command.Fixtures.grant;
import static com.leaveledger.command.Fixtures.submit;
import static com.leaveledger.command.Fixtures.team;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.CancelLeaveCommand;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Working weeks per country and part-time employees' own working days (issue 27, point 7). */
class WorkingPatternTest {

    private static final LocalDate FIRST_OF_MARCH = LocalDate.of(2027, 3, 1);

    private final LedgerTestHarness ledger = new LedgerTestHarness()
            .given(team())
            .given(grant(E1, LeaveType.ANNUAL, 2027, "20"));

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    @Test
    void recordsAPartTimeEmployeesOwnWorkingDaysInWeekOrder() {
        List<Object> events = ledger.when(partTime(E1, FIRST_OF_MARCH, WEDNESDAY, MONDAY, TUESDAY), "hr");
        assertThat(events).containsExactly(
                new WorkingPatternChangedEvent(E1, FIRST_OF_MARCH, List.of(MONDAY, TUESDAY, WEDNESDAY)));
    }

    @Test
    void aPartTimeEmployeesRequestCountsOnlyTheirOwnDays() {
        ledger.given(partTime(E1, FIRST_OF_MARCH, MONDAY, TUESDAY, WEDNESDAY));
        // Mon 1 – Sun 7 March 2027: Monday to Wednesday.
        assertThat(requested(ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-07"), "e1")))
                .isEqualTo(Days.of("3"));
    }

    @Test
    void thePatternCountsFromTheDayItTakesEffect() {
        ledger.given(partTime(E1, LocalDate.of(2027, 3, 4), MONDAY));
        // Mon 1 – Wed 3 full time, then Mondays only: 8 March is a holiday in Berlin, 15 March is not.
        assertThat(requested(ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-17"), "e1")))
                .isEqualTo(Days.of("4"));
    }

    @Test
    void anEmptyListMeansTheCountrysWeekAgain() {
        ledger.given(partTime(E1, FIRST_OF_MARCH, MONDAY), partTime(E1, LocalDate.of(2027, 3, 15)));
        assertThat(requested(ledger.when(submit(R1, E1, LeaveType.ANNUAL, "2027-03-15", "2027-03-19"), "e1")))
                .isEqualTo(Days.of("5"));
    }

    @Test
    void requestsRecordedBeforeKeepTheirDays() {
        ledger.given(submit(R1, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"),
                partTime(E1, FIRST_OF_MARCH, MONDAY));
        List<Object> events = ledger.when(new CancelLeaveCommand(R1, E1, "plans changed"), "e1");
        assertThat(events).filteredOn(ReservationReleasedEvent.class::isInstance)
                .singleElement().isInstanceOfSatisfying(ReservationReleasedEvent.class,
                        released -> assertThat(released.days()).isEqualTo(Days.of("5")));
        assertThat(requested(ledger.when(submit(R2, E1, LeaveType.ANNUAL, "2027-03-01", "2027-03-05"), "e1")))
                .isEqualTo(Days.of("1"));
    }

    @Test
    void aCountryWhoseWeekendIsFridayAndSaturdayWorksOnSunday() {
        EmployeeId sami = new EmployeeId("sami");
        ledger.given(new RegisterEmployeeCommand(sami, "Sami", "sami@example.com", null, null, M1, "SA", null,
                EnumSet.allOf(Channel.class)), grant(sami, LeaveType.ANNUAL, 2027, "20"));
        // Sun 10 – Sat 16 October 2027 in Saudi Arabia: Sunday to Thursday are working days.
        assertThat(requested(ledger.when(submit(R1, sami, LeaveType.ANNUAL, "2027-10-10", "2027-10-16"), "sami")))
                .isEqualTo(Days.of("5"));
        ledger.expectRefusal(submit(R2, sami, LeaveType.ANNUAL, "2027-10-22", "2027-10-23"), "sami",
                "no-working-days");
    }

    @Test
    void refusesADayNamedTwice() {
        ledger.expectRefusal(partTime(E1, FIRST_OF_MARCH, MONDAY, MONDAY), "hr", "duplicate-working-day");
    }

    @Test
    void refusesAnUnknownEmployee() {
        ledger.expectRefusal(partTime(new EmployeeId("nobody"), FIRST_OF_MARCH, MONDAY), "hr", "employee-not-found");
    }

    @Test
    void refusesAnErasedEmployee() {
        ledger.given(new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(partTime(E1, FIRST_OF_MARCH, MONDAY), "hr", "employee-erased");
    }

    private static ChangeWorkingPatternCommand partTime(EmployeeId employee, LocalDate from, DayOfWeek... days) {
        return new ChangeWorkingPatternCommand(employee, from, List.of(days));
    }

    private static java.math.BigDecimal requested(List<Object> events) {
        return events.stream().filter(LeaveRequestedEvent.class::isInstance).map(LeaveRequestedEvent.class::cast)
                .findFirst().orElseThrow().workingDays();
    }
}
