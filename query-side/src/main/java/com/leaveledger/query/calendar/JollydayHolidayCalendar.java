package com.leaveledger.query.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Public holidays from jollyday, as the command side counts working days: ISO country codes, jollyday's region codes,
 * official public holidays only. An unknown calendar has no holidays (weekends still do not count).
 */
public class JollydayHolidayCalendar implements HolidayCalendar {

    private final ConcurrentMap<String, HolidayManager> managers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<LocalDate>> holidays = new ConcurrentHashMap<>();
    private final Set<String> supported = HolidayManager.getSupportedCalendarCodes().stream()
            .map(code -> code.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean isHoliday(LocalDate date, String country, String subdivision) {
        if (country == null || !supported.contains(country.toUpperCase(Locale.ROOT))) {
            return false;
        }
        String region = subdivision == null ? "" : subdivision.toLowerCase(Locale.ROOT);
        String key = country.toUpperCase(Locale.ROOT) + "/" + region + "/" + date.getYear();
        return holidays.computeIfAbsent(key, k -> load(date.getYear(), country, region)).contains(date);
    }

    private Set<LocalDate> load(int year, String country, String region) {
        HolidayManager manager = managers.computeIfAbsent(country.toUpperCase(Locale.ROOT),
                c -> HolidayManager.getInstance(ManagerParameters.create(c.toLowerCase(Locale.ROOT))));
        boolean known = !region.isBlank() && manager.getCalendarHierarchy().getChildren().keySet().stream()
                .anyMatch(child -> child.equalsIgnoreCase(region));
        String[] args = known ? new String[] {region} : new String[0];
        return manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args).stream()
                .map(Holiday::getActualDate)
                .collect(Collectors.toUnmodifiableSet());
    }
}
