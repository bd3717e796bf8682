package com.leaveledger.support.calendar;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Counts the working days of a period in an employee's calendar: the days off of the country's working week (or of
 * the employee's own working days, part time) and public holidays do not count; a half day at the start or end
 * counts 0.5 if that day is a working day. The days are split by calendar year. Every service counts with this
 * class, so a request, its preview and its reminders agree.
 */
public final class WorkingDays {

    /** The longest period one request may span. */
    public static final int MAX_PERIOD_DAYS = 366;

    private final HolidayCalendar holidays;
    private final WorkingWeeks weeks;

    public WorkingDays(HolidayCalendar holidays, WorkingWeeks weeks) {
        this.holidays = holidays;
        this.weeks = weeks;
    }

    public List<YearShare> count(LocalDate start, LocalDate end, boolean halfDayStart, boolean halfDayEnd,
                                 EmployeeCalendar calendar) {
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
            if (!isWorkingDay(day, calendar)) {
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
                                          EmployeeCalendar calendar) {
        List<YearShare> shares = count(start, end, halfDayStart, halfDayEnd, calendar);
        if (total(shares).signum() == 0) {
            throw RuleViolation.unprocessable("no-working-days", "the period " + start + " – " + end
                    + " holds no working day in the employee's calendar");
        }
        return shares;
    }

    public boolean isWorkingDay(LocalDate day, EmployeeCalendar calendar) {
        boolean worked = calendar.ownDaysOn(day)
                .map(own -> own.contains(day.getDayOfWeek()))
                .orElseGet(() -> weeks.isWorkday(calendar.country(), day.getDayOfWeek()));
        return worked && !holidays.isHoliday(day, calendar.country(), calendar.subdivision());
    }

    /**
     * The day on which {@code workingDays} of the employee's working days have passed after {@code from}: the
     * {@code workingDays}-th working day after it ({@code from} itself does not count). Looks at most
     * {@link #MAX_PERIOD_DAYS} days ahead, and answers that day if the calendar has no working day before it.
     */
    public LocalDate afterWorkingDays(LocalDate from, int workingDays, EmployeeCalendar calendar) {
        LocalDate day = from;
        int passed = 0;
        while (passed < workingDays && day.isBefore(from.plusDays(MAX_PERIOD_DAYS))) {
            day = day.plusDays(1);
            if (isWorkingDay(day, calendar)) {
                passed++;
            }
        }
        return day;
    }

    public static BigDecimal total(List<YearShare> shares) {
        return Days.normalise(shares.stream().map(YearShare::days).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
