package com.leaveledger.command.calendar;

import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Counts the working days of a period in an employee's calendar: weekends and public holidays do not count; a
 * half day at the start or end counts 0.5 if that day is a working day. The days are split by calendar year.
 */
public final class WorkingDays {

    /** The longest period one request may span. */
    public static final int MAX_PERIOD_DAYS = 366;

    private final HolidayCalendar holidays;

    public WorkingDays(HolidayCalendar holidays) {
        this.holidays = holidays;
    }

    public List<YearShare> count(LocalDate start, LocalDate end, boolean halfDayStart, boolean halfDayEnd,
                                 String country, String subdivision) {
        if (end.isBefore(start)) {
            throw RuleViolation.invalid("invalid-period", "endDate " + end + " is before startDate " + start);
        }
        if (start.plusDays(MAX_PERIOD_DAYS).isBefore(end)) {
            throw RuleViolation.invalid("period-too-long", "a request spans at most " + MAX_PERIOD_DAYS + " days");
        }
        if (start.equals(end) && halfDayStart && halfDayEnd) {
            throw RuleViolation.invalid("invalid-half-day",
                    "a one-day request is either a half day (halfDayStart) or a full day, not both halves");
        }
        TreeMap<Integer, BigDecimal> perYear = new TreeMap<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            if (!isWorkingDay(day, country, subdivision)) {
                continue;
            }
            boolean half = (halfDayStart && day.equals(start)) || (halfDayEnd && day.equals(end));
            perYear.merge(day.getYear(), half ? Days.HALF : BigDecimal.ONE, BigDecimal::add);
        }
        List<YearShare> shares = new ArrayList<>();
        perYear.forEach((year, days) -> shares.add(new YearShare(year, Days.normalise(days))));
        return shares;
    }

    /** The working days a request of that period takes: as {@link #count}, refused if there is none. */
    public List<YearShare> countRequested(LocalDate start, LocalDate end, boolean halfDayStart, boolean halfDayEnd,
                                          String country, String subdivision) {
        List<YearShare> shares = count(start, end, halfDayStart, halfDayEnd, country, subdivision);
        if (total(shares).signum() == 0) {
            throw RuleViolation.unprocessable("no-working-days", "the period " + start + " – " + end
                    + " holds no working day in the employee's calendar");
        }
        return shares;
    }

    public boolean isWorkingDay(LocalDate day, String country, String subdivision) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.isHoliday(day, country, subdivision);
    }

    public static BigDecimal total(List<YearShare> shares) {
        return Days.normalise(shares.stream().map(YearShare::days).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
