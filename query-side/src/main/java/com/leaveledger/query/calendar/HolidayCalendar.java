package com.leaveledger.query.calendar;

import java.time.LocalDate;

/** Public holidays of an employee's calendar (country, subdivision). */
public interface HolidayCalendar {

    boolean isHoliday(LocalDate date, String country, String subdivision);
}
