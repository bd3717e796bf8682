package com.leaveledger.query.calendar;

import com.leaveledger.query.employee.EmployeeCalendars;
import com.leaveledger.support.calendar.EmployeeCalendar;
import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Who of a manager's team is off on which day: approved and pending requests (pending ones are marked as such)
 * recorded with that manager, laid out over the working days of each employee's calendar ({@link WorkingDays}: their
 * country's week, their own days when part time, public holidays), and who of the team does not work that day.
 */
public class TeamCalendarQueries {

    /** The team: the manager's reports and the employees whose requests in the period are recorded with them. */
    private static final String TEAM = "from employee e where (e.manager_id = ? or e.employee_id in (select "
            + "employee_id from leave_request where manager_id = ? and status in ('SUBMITTED', 'APPROVED') "
            + "and end_date >= ? and start_date <= ?))";

    private final JdbcTemplate jdbc;
    private final HolidayCalendar holidays;
    private final WorkingDays workingDays;
    private final EmployeeCalendars calendars;

    public TeamCalendarQueries(JdbcTemplate jdbc, HolidayCalendar holidays, WorkingDays workingDays,
                               EmployeeCalendars calendars) {
        this.jdbc = jdbc;
        this.holidays = holidays;
        this.workingDays = workingDays;
        this.calendars = calendars;
    }

    public List<Day> calendar(String managerId, LocalDate from, LocalDate to) {
        Map<String, Member> team = team(managerId, from, to);
        Map<LocalDate, List<Absence>> byDay = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new ArrayList<>());
        }
        jdbc.query("select r.leave_request_id, r.employee_id, e.name, r.leave_type, r.status, r.start_date, "
                        + "r.end_date, r.half_day_start, r.half_day_end "
                        + "from leave_request r left join employee e on e.employee_id = r.employee_id "
                        + "where r.manager_id = ? and r.status in ('SUBMITTED', 'APPROVED') "
                        + "and r.end_date >= ? and r.start_date <= ? order by r.employee_id, r.start_date",
                rs -> {
                    LocalDate start = rs.getObject("start_date", LocalDate.class);
                    LocalDate end = rs.getObject("end_date", LocalDate.class);
                    Member member = team.get(rs.getString("employee_id"));
                    EmployeeCalendar calendar = member == null ? EmployeeCalendar.of(null, null) : member.calendar();
                    for (LocalDate day = start.isBefore(from) ? from : start; !day.isAfter(end) && !day.isAfter(to);
                         day = day.plusDays(1)) {
                        if (!workingDays.isWorkingDay(day, calendar)) {
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
        byDay.forEach((day, off) -> days.add(new Day(day, off, notWorking(team.values(), day))));
        return days;
    }

    /**
     * The public holidays from..to of the calendars of the manager's team: its reports and the employees whose
     * requests in that period are recorded with the manager. One entry per calendar and day, by date.
     */
    public List<TeamHoliday> holidays(String managerId, LocalDate from, LocalDate to) {
        List<TeamHoliday> team = new ArrayList<>();
        jdbc.query("select distinct e.country, e.subdivision " + TEAM + " and e.country is not null",
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

    private Map<String, Member> team(String managerId, LocalDate from, LocalDate to) {
        Map<String, Member> team = new LinkedHashMap<>();
        jdbc.query("select e.employee_id, e.name, e.country, e.subdivision, e.own_days::text as own_days " + TEAM
                        + " order by e.employee_id",
                rs -> {
                    team.put(rs.getString("employee_id"), new Member(rs.getString("employee_id"), rs.getString("name"),
                            calendars.of(rs)));
                }, managerId, managerId, from, to);
        return team;
    }

    private List<NotWorking> notWorking(Iterable<Member> team, LocalDate day) {
        List<NotWorking> off = new ArrayList<>();
        for (Member member : team) {
            EmployeeCalendar calendar = member.calendar();
            if (workingDays.isWorkingDay(day, calendar)) {
                continue;
            }
            String reason = holidays.isHoliday(day, calendar.country(), calendar.subdivision()) ? "PUBLIC_HOLIDAY"
                    : calendar.ownDaysOn(day).isPresent() ? "PART_TIME" : "WEEKEND";
            off.add(new NotWorking(member.id(), member.name(), reason));
        }
        return off;
    }

    private record Member(String id, String name, EmployeeCalendar calendar) {
    }

    /**
     * A day of the calendar: who is off on leave ({@code off}, only on their working days) and who of the team does
     * not work that day ({@code notWorking}).
     */
    public record Day(LocalDate date, List<Absence> off, List<NotWorking> notWorking) {
    }

    /** A public holiday of one of the team's calendars (ISO country, subdivision as recorded on the employee). */
    public record TeamHoliday(LocalDate date, String name, String country, String subdivision) {
    }

    /** An employee off that day: which request, type, whether approved or still pending, full or half day. */
    public record Absence(String employeeId, String employeeName, String leaveRequestId, String leaveType,
                          String status, String portion) {
    }

    /**
     * A member of the team who does not work that day, and why: {@code WEEKEND} (their country's week),
     * {@code PUBLIC_HOLIDAY} (of their country and subdivision) or {@code PART_TIME} (not one of their own days).
     */
    public record NotWorking(String employeeId, String employeeName, String reason) {
    }
}
