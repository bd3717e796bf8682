package com.leaveledger.support.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The calendar an employee's working days are counted in: their country and subdivision (public holidays, the
 * country's working week) and, for part-time employees, their own working days from a date on.
 *
 * @param ownDays the employee's own working days by the date they take effect; an empty set from a date on means the
 *                country's working week again (full time)
 */
public record EmployeeCalendar(String country, String subdivision, NavigableMap<LocalDate, Set<DayOfWeek>> ownDays) {

    public EmployeeCalendar {
        TreeMap<LocalDate, Set<DayOfWeek>> copy = new TreeMap<>();
        ownDays.forEach((from, days) -> copy.put(from, days.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(days))));
        ownDays = Collections.unmodifiableNavigableMap(copy);
    }

    /** A full-time employee's calendar: the country's working week. */
    public static EmployeeCalendar of(String country, String subdivision) {
        return new EmployeeCalendar(country, subdivision, new TreeMap<>());
    }

    /** This calendar with the employee's own working days from {@code from} on (empty: the country's week). */
    public EmployeeCalendar withOwnDays(LocalDate from, Set<DayOfWeek> days) {
        TreeMap<LocalDate, Set<DayOfWeek>> changed = new TreeMap<>(ownDays.headMap(from, false));
        changed.put(from, days);
        return new EmployeeCalendar(country, subdivision, changed);
    }

    /** The employee's own working days on {@code day}, if they work part time then. */
    public Optional<Set<DayOfWeek>> ownDaysOn(LocalDate day) {
        return Optional.ofNullable(ownDays.floorEntry(day)).map(Map.Entry::getValue).filter(days -> !days.isEmpty());
    }
}
