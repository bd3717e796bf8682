package com.leaveledger.support.calendar;

import com.leaveledger.support.rules.RuleViolation;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final LocalDate MONDAY_1_MARCH = LocalDate.of(2027, 3, 1);

    private final WorkingDays workingDays = new WorkingDays(new JollydayHolidayCalendar(),
            CalendarConfiguration.defaultWorkingWeeks());

    @Test
    void theDefaultWeekRestsOnSaturdayAndSunday() {
        assertThat(days(MONDAY_1_MARCH, MONDAY_1_MARCH.plusDays(6), EmployeeCalendar.of("DE", "BE"))).isEqualTo("5.0");
    }

    @Test
    void aCountryWithAFridayToSaturdayWeekendWorksOnSunday() {
        EmployeeCalendar saudiArabia = EmployeeCalendar.of("SA", null);
        LocalDate sunday = LocalDate.of(2027, 10, 10);
        assertThat(workingDays.isWorkingDay(sunday, saudiArabia)).isTrue();
        assertThat(workingDays.isWorkingDay(sunday.minusDays(1), saudiArabia)).isFalse();
        assertThat(workingDays.isWorkingDay(sunday.minusDays(2), saudiArabia)).isFalse();
        assertThat(workingDays.isWorkingDay(sunday, EmployeeCalendar.of("DE", null))).isFalse();
    }

    @Test
    void theWeekendsAreConfiguredPerCountry() {
        WorkingWeeks weeks = new WorkingWeeks(EnumSet.of(SUNDAY), Map.of("ae", Set.of(SATURDAY, SUNDAY)));
        assertThat(weeks.weekendOf("AE")).containsExactlyInAnyOrder(SATURDAY, SUNDAY);
        assertThat(weeks.weekendOf("DE")).containsExactly(SUNDAY);
        assertThat(CalendarConfiguration.defaultWorkingWeeks().weekendOf("EG")).containsExactlyInAnyOrder(FRIDAY, SATURDAY);
        assertThatThrownBy(() -> new WorkingWeeks(EnumSet.allOf(java.time.DayOfWeek.class), Map.of()))
                .hasMessageContaining("no working day");
    }

    @Test
    void aPartTimeEmployeeWorksOnTheirOwnDaysFromTheDateTheyTakeEffect() {
        EmployeeCalendar partTime = EmployeeCalendar.of("DE", "BY")
                .withOwnDays(LocalDate.of(2027, 3, 8), EnumSet.of(MONDAY, TUESDAY, WEDNESDAY));
        assertThat(days(MONDAY_1_MARCH, MONDAY_1_MARCH.plusDays(6), partTime)).isEqualTo("5.0");
        assertThat(days(LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 14), partTime)).isEqualTo("3.0");
        EmployeeCalendar fullTimeAgain = partTime.withOwnDays(LocalDate.of(2027, 3, 15), Set.of());
        assertThat(days(LocalDate.of(2027, 3, 15), LocalDate.of(2027, 3, 21), fullTimeAgain)).isEqualTo("5.0");
    }

    @Test
    void aLaterChangeReplacesTheChangesAfterIt() {
        EmployeeCalendar calendar = EmployeeCalendar.of("DE", null)
                .withOwnDays(LocalDate.of(2027, 6, 1), EnumSet.of(MONDAY))
                .withOwnDays(LocalDate.of(2027, 4, 1), EnumSet.of(TUESDAY));
        assertThat(calendar.ownDays()).containsOnlyKeys(LocalDate.of(2027, 4, 1));
        assertThat(calendar.ownDaysOn(LocalDate.of(2027, 7, 1))).contains(EnumSet.of(TUESDAY));
        assertThat(calendar.ownDaysOn(LocalDate.of(2027, 3, 31))).isEmpty();
    }

    @Test
    void publicHolidaysNeverCountEvenOnAPartTimeEmployeesOwnDay() {
        EmployeeCalendar mondays = EmployeeCalendar.of("DE", "BE").withOwnDays(LocalDate.of(2027, 1, 1), EnumSet.of(MONDAY));
        LocalDate easterMonday = LocalDate.of(2027, 3, 29);
        assertThat(workingDays.isWorkingDay(easterMonday, mondays)).isFalse();
        assertThat(workingDays.isWorkingDay(easterMonday.plusWeeks(1), mondays)).isTrue();
    }

    @Test
    void countsWorkingDaysAheadSkippingDaysOffAndHolidays() {
        EmployeeCalendar berlin = EmployeeCalendar.of("DE", "BE");
        LocalDate thursday = LocalDate.of(2027, 3, 25);
        // Good Friday 26 March and Easter Monday 29 March are public holidays in Berlin.
        assertThat(workingDays.afterWorkingDays(thursday, 2, berlin)).isEqualTo(LocalDate.of(2027, 3, 31));
        // 8 March (International Women's Day) is one in Berlin, not in Bavaria.
        assertThat(workingDays.afterWorkingDays(MONDAY_1_MARCH, 5, berlin)).isEqualTo(LocalDate.of(2027, 3, 9));
        assertThat(workingDays.afterWorkingDays(MONDAY_1_MARCH, 5, EmployeeCalendar.of("DE", "BY")))
                .isEqualTo(LocalDate.of(2027, 3, 8));
    }

    @Test
    void refusesAPeriodWithoutWorkingDaysNamingTheRule() {
        EmployeeCalendar berlin = EmployeeCalendar.of("DE", "BE");
        assertThatThrownBy(() -> workingDays.countRequested(LocalDate.of(2027, 3, 6), LocalDate.of(2027, 3, 7),
                false, false, berlin)).isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                    assertThat(refusal.rule()).isEqualTo("no-working-days");
                    assertThat(refusal.kind()).isEqualTo(RuleViolation.Kind.UNPROCESSABLE);
                });
        assertThatThrownBy(() -> workingDays.count(MONDAY_1_MARCH, MONDAY_1_MARCH.minusDays(1), false, false, berlin))
                .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                    assertThat(refusal.rule()).isEqualTo("invalid-period");
                    assertThat(refusal.kind()).isEqualTo(RuleViolation.Kind.INVALID);
                });
    }

    private String days(LocalDate from, LocalDate to, EmployeeCalendar calendar) {
        return WorkingDays.total(workingDays.count(from, to, false, false, calendar)).toPlainString();
    }

}
