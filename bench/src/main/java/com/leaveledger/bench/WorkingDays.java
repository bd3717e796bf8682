package com.leaveledger.bench;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The working days of a year for a country (and optional subdivision), so that every submitted
 * single-day request counts one working day and is not refused as {@code no-working-days}.
 * Errs on the safe side: a day that is a holiday of any type, nationally or in the subdivision,
 * is left out.
 */
public final class WorkingDays {

    private WorkingDays() {
    }

    public static List<LocalDate> of(String country, String subdivision, int year) {
        HolidayManager holidays = HolidayManager.getInstance(
                ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
        Set<LocalDate> off = new HashSet<>();
        addAll(off, holidays.getHolidays(Year.of(year)));
        if (subdivision != null) {
            addAll(off, holidays.getHolidays(Year.of(year), subdivision.toLowerCase(Locale.ROOT)));
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
            DayOfWeek dow = day.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !off.contains(day)) {
                days.add(day);
            }
        }
        return List.copyOf(days);
    }

    private static void addAll(Set<LocalDate> off, Set<Holiday> holidays) {
        for (Holiday holiday : holidays) {
            off.add(holiday.getDate());
            off.add(holiday.getActualDate());
        }
    }
}
