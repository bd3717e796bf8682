package com.leaveledger.console.manager;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The team calendar's answer laid out as a month: weeks of seven cells from Monday, each with the people off that
 * day and the public holidays of the team's calendars that day (name and calendar, e.g. "Good Friday (DE-BE)").
 */
record MonthGrid(YearMonth month, List<List<Cell>> weeks) {

    /** A day of the grid; {@code inMonth} false for the days of the neighbouring months that fill the weeks. */
    record Cell(LocalDate date, boolean inMonth, boolean weekend, List<Map<String, Object>> off,
                List<String> holidays) {

        public boolean holiday() {
            return !holidays.isEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    static MonthGrid of(YearMonth month, List<Map<String, Object>> days, List<Map<String, Object>> holidays) {
        Map<LocalDate, List<Map<String, Object>>> byDate = new LinkedHashMap<>();
        for (Map<String, Object> day : days) {
            byDate.put(LocalDate.parse(String.valueOf(day.get("date"))),
                    (List<Map<String, Object>>) day.getOrDefault("off", List.of()));
        }
        Map<LocalDate, List<String>> holidaysByDate = new LinkedHashMap<>();
        for (Map<String, Object> holiday : holidays) {
            holidaysByDate.computeIfAbsent(LocalDate.parse(String.valueOf(holiday.get("date"))), d -> new ArrayList<>())
                    .add(holiday.get("name") + " (" + calendarOf(holiday) + ")");
        }
        LocalDate first = month.atDay(1);
        LocalDate cursor = first.minusDays(first.getDayOfWeek().getValue() - 1L);
        List<List<Cell>> weeks = new ArrayList<>();
        while (!cursor.isAfter(month.atEndOfMonth())) {
            List<Cell> week = new ArrayList<>(7);
            for (int i = 0; i < 7; i++, cursor = cursor.plusDays(1)) {
                boolean weekend = cursor.getDayOfWeek() == DayOfWeek.SATURDAY
                        || cursor.getDayOfWeek() == DayOfWeek.SUNDAY;
                week.add(new Cell(cursor, YearMonth.from(cursor).equals(month), weekend,
                        byDate.getOrDefault(cursor, List.of()), holidaysByDate.getOrDefault(cursor, List.of())));
            }
            weeks.add(week);
        }
        return new MonthGrid(month, weeks);
    }

    private static String calendarOf(Map<String, Object> holiday) {
        Object subdivision = holiday.get("subdivision");
        return holiday.get("country") + (subdivision == null || String.valueOf(subdivision).isBlank()
                ? "" : "-" + subdivision);
    }
}
