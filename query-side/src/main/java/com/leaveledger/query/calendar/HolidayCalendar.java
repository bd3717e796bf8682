package com.leaveledger.query.calendar;

import java.time.LocalDate;
import java.util.List;

/** Public holidays of an employee's calendar (country, subdivision). */
public interface HolidayCalendar {

    boolean isHoliday(LocalDate date, String country, String subdivision);

    /** The public holidays of that calendar from..to, by date, with their English names. */
    List<NamedHoliday> holidays(LocalDate from, LocalDate to, String country, String subdivision);

    record NamedHoliday(LocalDate date, String name) {
    }
}
