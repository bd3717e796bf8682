package com.leaveledger.query.employee;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.calendar.EmployeeCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeMap;

/**
 * An employee's calendar from their row of the directory: {@code country}, {@code subdivision} and {@code own_days}
 * (selected as text). An employee the directory does not know has the default working week and no public holidays.
 */
public final class EmployeeCalendars {

    private static final TypeReference<TreeMap<LocalDate, Set<DayOfWeek>>> OWN_DAYS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public EmployeeCalendars(ObjectMapper json) {
        this.json = json;
    }

    /** The calendar in the current row's columns {@code country}, {@code subdivision} and {@code own_days}. */
    public EmployeeCalendar of(ResultSet rs) throws SQLException {
        return of(rs.getString("country"), rs.getString("subdivision"), rs.getString("own_days"));
    }

    public EmployeeCalendar of(String country, String subdivision, String ownDays) {
        if (ownDays == null || ownDays.isBlank()) {
            return EmployeeCalendar.of(country, subdivision);
        }
        try {
            return new EmployeeCalendar(country, subdivision, json.readValue(ownDays, OWN_DAYS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
