package com.leaveledger.support.calendar;

import java.time.LocalDate;
import java.util.List;

/** Public holidays of a country and (optionally) one of its subdivisions: one calendar for every service. */
public interface HolidayCalendar {

    /** Whether there is a calendar for that country (ISO 3166) and, if given, that subdivision. */
    boolean supports(String country, String subdivision);

    /** Whether that day is a public holiday; an unknown calendar has none. */
    boolean isHoliday(LocalDate date, String country, String subdivision);

    /** The public holidays of that calendar from..to, by date, with their English names. */
    List<NamedHoliday> holidays(LocalDate from, LocalDate to, String country, String subdivision);

    record NamedHoliday(LocalDate date, String name) {
    }
}
