package com.leaveledger.support.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.calendar.HolidayCalendar.NamedHoliday;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JollydayHolidayCalendarTest {

    private final JollydayHolidayCalendar calendar = new JollydayHolidayCalendar();

    @Test
    void namesTheHolidaysOfASubdivisionWithinThePeriod() {
        assertThat(calendar.holidays(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 31), "DE", "BY"))
                .extracting(NamedHoliday::date)
                .containsExactly(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 6));
        assertThat(calendar.holidays(LocalDate.of(2027, 1, 2), LocalDate.of(2027, 1, 31), "DE", "BE"))
                .isEmpty();
        assertThat(calendar.holidays(LocalDate.of(2029, 10, 1), LocalDate.of(2029, 10, 7), "DE", "BE"))
                .singleElement().satisfies(holiday -> assertThat(holiday.name()).isNotBlank());
    }

    @Test
    void spansYearsAndAgreesWithIsHoliday() {
        assertThat(calendar.holidays(LocalDate.of(2027, 12, 24), LocalDate.of(2028, 1, 1), "DE", null))
                .extracting(NamedHoliday::date)
                .containsExactly(LocalDate.of(2027, 12, 25), LocalDate.of(2027, 12, 26), LocalDate.of(2028, 1, 1))
                .allMatch(date -> calendar.isHoliday(date, "DE", null));
    }

    @Test
    void anUnknownCalendarHasNoHolidays() {
        assertThat(calendar.holidays(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), "XX", null)).isEmpty();
        assertThat(calendar.holidays(LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), null, null)).isEmpty();
    }
}
