package com.leaveledger.command.calendar;

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
 * Public holidays from jollyday. Country codes are ISO 3166 ("DE"), subdivisions jollyday's region codes
 * ("BY"). Only official public holidays count, not bank or observance days. A year's holidays are computed
 * once per calendar and kept.
 */
public class JollydayHolidayCalendar implements HolidayCalendar {

    private final ConcurrentMap<String, HolidayManager> managers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Set<LocalDate>> holidaysByCalendarYear = new ConcurrentHashMap<>();
    private final Set<String> supported = HolidayManager.getSupportedCalendarCodes().stream()
            .map(code -> code.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean supports(String country, String subdivision) {
        if (country == null || !supported.contains(country.toUpperCase(Locale.ROOT))) {
            return false;
        }
        if (subdivision == null || subdivision.isBlank()) {
            return true;
        }
        return manager(country).getCalendarHierarchy().getChildren().keySet().stream()
                .anyMatch(child -> child.equalsIgnoreCase(subdivision));
    }

    @Override
    public boolean isHoliday(LocalDate date, String country, String subdivision) {
        String key = country.toUpperCase(Locale.ROOT) + "/" + (subdivision == null ? "" : subdivision.toLowerCase(Locale.ROOT))
                + "/" + date.getYear();
        return holidaysByCalendarYear.computeIfAbsent(key, k -> load(date.getYear(), country, subdivision)).contains(date);
    }

    private Set<LocalDate> load(int year, String country, String subdivision) {
        String[] args = subdivision == null || subdivision.isBlank()
                ? new String[0] : new String[] {subdivision.toLowerCase(Locale.ROOT)};
        return manager(country).getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args).stream()
                .map(Holiday::getActualDate)
                .collect(Collectors.toUnmodifiableSet());
    }

    private HolidayManager manager(String country) {
        return managers.computeIfAbsent(country.toUpperCase(Locale.ROOT),
                c -> HolidayManager.getInstance(ManagerParameters.create(c.toLowerCase(Locale.ROOT))));
    }
}
