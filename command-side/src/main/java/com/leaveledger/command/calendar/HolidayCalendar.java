package com.leaveledger.command.calendar;

import java.time.LocalDate;

/** Public holidays of a country and (optionally) one of its subdivisions. */
public interface HolidayCalendar {

    boolean supports(String country, String subdivision);

    boolean isHoliday(LocalDate date, String country, String subdivision);
}
