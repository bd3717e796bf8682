package com.leaveledger.query.calendar;

import com.leaveledger.support.calendar.HolidayCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who of a manager's team is off on which day: approved and pending requests (pending ones are marked as such)
 * recorded with that manager, laid out over the working days of each employee's calendar.
 */
public class TeamCalendarQueries {

    private final JdbcTemplate jdbc;
    private final HolidayCalendar holidays;

    public TeamCalendarQueries(JdbcTemplate jdbc, HolidayCalendar holidays) {
        this.jdbc = jdbc;
        this.holidays = holidays;
    }

    public List<Day> calendar(String managerId, LocalDate from, LocalDate to) {
        Map<LocalDate, List<Absence>> byDay = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        jdbc.query("select r.leave_request_id, r.employee_id, e.name, e.country, e.subdivision, r.leave_type, "
                        + "r.status, r.start_date, r.end_date, r.half_day_start, r.half_day_end "
                        + "from leave_request r left join employee e on e.employee_id = r.employee_id "
                        + "where r.manager_id = ? and r.status in ('SUBMITTED', 'APPROVED') "
                        + "and r.end_date >= ? and r.start_date <= ? order by r.employee_id, r.start_date",
                rs -> {
                    LocalDate start = rs.getObject("start_date", LocalDate.class);
                    LocalDate end = rs.getObject("end_date", LocalDate.class);
                    String country = rs.getString("country");
                    String subdivision = rs.getString("subdivision");
                    for (LocalDate day = start.isBefore(from) ? from : start; !day.isAfter(end) && !day.isAfter(to);
                         day = day.plusDays(1)) {
                        if (!isWorkingDay(day, country, subdivision)) {
                            continue;
                        }
                        boolean half = (rs.getBoolean("half_day_start") && day.equals(start))
                                || (rs.getBoolean("half_day_end") && day.equals(end));
                        byDay.get(day).add(new Absence(rs.getString("employee_id"), rs.getString("name"),
                                rs.getString("leave_request_id"), rs.getString("leave_type"), rs.getString("status"),
                                half ? "HALF" : "FULL"));
                    }
                }, managerId, from, to);
        List<Day> days = new ArrayList<>();
        byDay.forEach((day, off) -> days.add(new Day(day, off)));
        return days;
    }

    /**
     * The public holidays from..to of the calendars of the manager's team: its reports and the employees whose
     * requests in that period are recorded with the manager. One entry per calendar and day, by date.
     */
    public List<TeamHoliday> holidays(String managerId, LocalDate from, LocalDate to) {
        List<TeamHoliday> team = new ArrayList<>();
        jdbc.query("select distinct country, subdivision from employee where country is not null and (manager_id = ? "
                        + "or employee_id in (select employee_id from leave_request where manager_id = ? "
                        + "and status in ('SUBMITTED', 'APPROVED') and end_date >= ? and start_date <= ?))",
                rs -> {
                    String country = rs.getString("country");
                    String subdivision = rs.getString("subdivision");
                    holidays.holidays(from, to, country, subdivision).forEach(holiday -> team.add(
                            new TeamHoliday(holiday.date(), holiday.name(), country, subdivision)));
                }, managerId, managerId, from, to);
        team.sort(Comparator.comparing(TeamHoliday::date).thenComparing(TeamHoliday::country)
                .thenComparing(TeamHoliday::subdivision, Comparator.nullsFirst(Comparator.naturalOrder())));
        return team;
    }

    private boolean isWorkingDay(LocalDate day, String country, String subdivision) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.isHoliday(day, country, subdivision);
    }

    public record Day(LocalDate date, List<Absence> off) {
    }

    /** A public holiday of one of the team's calendars (ISO country, subdivision as recorded on the employee). */
    public record TeamHoliday(LocalDate date, String name, String country, String subdivision) {
    }

    /** An employee off that day: which request, type, whether approved or still pending, full or half day. */
    public record Absence(String employeeId, String employeeName, String leaveRequestId, String leaveType,
                          String status, String portion) {
    }
}
