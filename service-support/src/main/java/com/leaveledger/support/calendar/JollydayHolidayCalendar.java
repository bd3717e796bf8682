package com.leaveledger.support.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Public holidays from jollyday. Country codes are ISO 3166 ("DE"), subdivisions jollyday's region codes ("BY").
 * Only official public holidays count, not bank or observance days. An unknown calendar has no holidays; an unknown
 * subdivision has its country's. A year's holidays are computed once per calendar and kept.
 */
public class JollydayHolidayCalendar implements HolidayCalendar {

    private final ConcurrentMap<String, HolidayManager> managers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Map<LocalDate, String>> holidaysByCalendarYear = new ConcurrentHashMap<>();
    private final Set<String> supported = HolidayManager.getSupportedCalendarCodes().stream()
            .map(code -> code.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    @Override
    public boolean supports(String country, String subdivision) {
        if (!supportsCountry(country)) {
            return false;
        }
        return subdivision == null || subdivision.isBlank() || knownRegion(manager(country), subdivision);
    }

    @Override
    public boolean isHoliday(LocalDate date, String country, String subdivision) {
        return ofYear(date.getYear(), country, subdivision).containsKey(date);
    }

    @Override
    public List<NamedHoliday> holidays(LocalDate from, LocalDate to, String country, String subdivision) {
        List<NamedHoliday> named = new ArrayList<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            ofYear(year, country, subdivision).forEach((date, name) -> {
                if (!date.isBefore(from) && !date.isAfter(to)) {
                    named.add(new NamedHoliday(date, name));
                }
            });
        }
        named.sort(Comparator.comparing(NamedHoliday::date));
        return named;
    }

    private boolean supportsCountry(String country) {
        return country != null && supported.contains(country.toUpperCase(Locale.ROOT));
    }

    private Map<LocalDate, String> ofYear(int year, String country, String subdivision) {
        if (!supportsCountry(country)) {
            return Map.of();
        }
        String region = subdivision == null ? "" : subdivision.toLowerCase(Locale.ROOT);
        String key = country.toUpperCase(Locale.ROOT) + "/" + region + "/" + year;
        return holidaysByCalendarYear.computeIfAbsent(key, k -> load(year, country, region));
    }

    private Map<LocalDate, String> load(int year, String country, String region) {
        HolidayManager manager = manager(country);
        String[] args = !region.isBlank() && knownRegion(manager, region) ? new String[] {region} : new String[0];
        return manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, args).stream()
                .collect(Collectors.toUnmodifiableMap(Holiday::getActualDate,
                        holiday -> holiday.getDescription(Locale.ENGLISH), (one, other) -> one + ", " + other));
    }

    private static boolean knownRegion(HolidayManager manager, String region) {
        return manager.getCalendarHierarchy().getChildren().keySet().stream()
                .anyMatch(child -> child.equalsIgnoreCase(region));
    }

    private HolidayManager manager(String country) {
        return managers.computeIfAbsent(country.toUpperCase(Locale.ROOT),
                c -> HolidayManager.getInstance(ManagerParameters.create(c.toLowerCase(Locale.ROOT))));
    }
}
