package com.leaveledger.notification.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.EmployeeCalendar;
import com.leaveledger.support.calendar.JollydayHolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.policy.LeavePolicies;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The days a request waits are dates in {@code ledger.time-zone}, and a deadline keeps its local time of day. */
class ApprovalRemindersTest {

    private static final ApprovalReminders.Employees EMPLOYEES = new ApprovalReminders.Employees() {
        @Override
        public EmployeeCalendar calendarOf(String employeeId) {
            return EmployeeCalendar.of("DE", null);
        }

        @Override
        public Optional<String> managerOf(String employeeId) {
            return Optional.of("mia");
        }
    };

    private static ApprovalReminders in(ZoneId zone) {
        return new ApprovalReminders(new WorkingDays(new JollydayHolidayCalendar(),
                CalendarConfiguration.defaultWorkingWeeks()), EMPLOYEES, new LeavePolicies.Reminders(2, 5), null,
                Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), zone));
    }

    @Test
    void aRequestSubmittedLateOnFridayInUtcIsSaturdayInBerlinAndCountsFromThere() {
        Instant fridayNightUtc = Instant.parse("2027-01-15T23:30:00Z");

        assertThat(in(ZoneOffset.UTC).remindAt("eli", fridayNightUtc))
                .as("Friday in UTC: Monday and Tuesday are the two working days")
                .isEqualTo(Instant.parse("2027-01-19T23:30:00Z"));
        assertThat(in(ZoneId.of("Europe/Berlin")).remindAt("eli", fridayNightUtc))
                .as("Saturday 00:30 in Berlin: Monday and Tuesday, at 00:30 Berlin time")
                .isEqualTo(Instant.parse("2027-01-18T23:30:00Z"));
    }

    @Test
    void aDeadlineAcrossTheEndOfSummerTimeKeepsItsLocalTimeOfDay() {
        // Friday 29 October 2027, 10:00 in Berlin (UTC+2); summer time ends on Sunday 31 October (UTC+1)
        Instant friday = Instant.parse("2027-10-29T08:00:00Z");

        assertThat(in(ZoneId.of("Europe/Berlin")).remindAt("eli", friday))
                .as("Tuesday 2 November, 10:00 in Berlin")
                .isEqualTo(Instant.parse("2027-11-02T09:00:00Z"));
    }
}
