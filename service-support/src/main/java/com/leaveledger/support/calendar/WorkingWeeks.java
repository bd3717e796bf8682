package com.leaveledger.support.calendar;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.working-weeks.*}: the days off of each country's working week (docs/leave-policies.md). Defaults in
 * {@code classpath:ledger/leave-policies.yml}; a country not listed has {@link #weekend}.
 *
 * @param weekend   the days off of a country without an entry in {@code countries}
 * @param countries the days off of a country's week by ISO 3166 code, e.g. {@code SA: [FRIDAY, SATURDAY]}
 */
@Validated
@ConfigurationProperties("ledger.working-weeks")
public record WorkingWeeks(Set<DayOfWeek> weekend, Map<String, Set<DayOfWeek>> countries) {

    public WorkingWeeks {
        weekend = weekend == null || weekend.isEmpty() ? EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
                : EnumSet.copyOf(weekend);
        check("ledger.working-weeks.weekend", weekend);
        Map<String, Set<DayOfWeek>> given = countries == null ? Map.of() : countries;
        given.forEach((country, days) -> check("ledger.working-weeks.countries." + country, days));
        countries = given.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().toUpperCase(Locale.ROOT), entry -> Set.copyOf(entry.getValue())));
        weekend = Set.copyOf(weekend);
    }

    /** Saturday and Sunday off everywhere. */
    public static WorkingWeeks saturdayToSunday() {
        return new WorkingWeeks(null, Map.of());
    }

    /** The days off of that country's week. */
    public Set<DayOfWeek> weekendOf(String country) {
        return country == null ? weekend : countries.getOrDefault(country.toUpperCase(Locale.ROOT), weekend);
    }

    /** Whether that day of the week is worked in that country (public holidays aside). */
    public boolean isWorkday(String country, DayOfWeek day) {
        return !weekendOf(country).contains(day);
    }

    private static void check(String setting, Set<DayOfWeek> days) {
        if (days == null || days.size() >= DayOfWeek.values().length) {
            throw new IllegalArgumentException(setting + " leaves no working day in the week");
        }
    }
}
