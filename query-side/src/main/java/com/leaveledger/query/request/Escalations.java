package com.leaveledger.query.request;

import com.leaveledger.query.employee.EmployeeCalendars;
import com.leaveledger.support.calendar.WorkingDays;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which pending requests a manager may decide because they were escalated to them, by the command side's rule
 * (docs/leave-policies.md, "Escalation"): a request waiting at a MANAGER level whose manager reports to them, once it
 * has waited {@code escalateAfterWorkingDays} of its employee's working days — {@link WorkingDays#afterWorkingDays}
 * over the employee's calendar from the day ({@code ledger.time-zone}) of its submission or of its last level passed.
 * <p>
 * The count needs the calendar, so it is made here, not in SQL: one read of the candidates (requests that have waited
 * at least that many calendar days, with their employees' calendars), then the count for each in memory.
 */
public class Escalations {

    private static final String WAITING_SINCE = "coalesce((r.levels -> -1 ->> 'at')::timestamptz, r.submitted_at)";
    private static final String CANDIDATES = "select r.leave_request_id, r.manager_id, e.country, e.subdivision, "
            + "e.own_days::text as own_days, " + WAITING_SINCE + " as waiting_since from leave_request r "
            + "join employee m on m.employee_id = r.manager_id left join employee e on e.employee_id = r.employee_id "
            + "where r.status = 'SUBMITTED' and r.awaiting = 'MANAGER' and m.manager_id = ? and r.employee_id <> ? "
            + "and " + WAITING_SINCE + " < ?";

    private final JdbcTemplate jdbc;
    private final EmployeeCalendars calendars;
    private final WorkingDays workingDays;
    private final int escalateAfterWorkingDays;
    private final Clock clock;

    /** @param clock the clock in {@code ledger.time-zone}: today, and the day a request started waiting */
    public Escalations(JdbcTemplate jdbc, EmployeeCalendars calendars, WorkingDays workingDays,
                       int escalateAfterWorkingDays, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.workingDays = workingDays;
        this.escalateAfterWorkingDays = escalateAfterWorkingDays;
        this.clock = clock;
    }

    /** The requests escalated to {@code managerId} today, each with the manager it was escalated from. */
    public Map<String, String> to(String managerId) {
        return escalated(CANDIDATES, managerId, managerId, earliestNotEscalated());
    }

    /** Whether that request is escalated to {@code managerId} today. */
    public boolean isEscalatedTo(String managerId, String leaveRequestId) {
        return !escalated(CANDIDATES + " and r.leave_request_id = ?", managerId, managerId, earliestNotEscalated(),
                leaveRequestId).isEmpty();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    private Map<String, String> escalated(String sql, Object... args) {
        LocalDate today = today();
        Map<String, String> escalated = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            LocalDate since = rs.getObject("waiting_since", OffsetDateTime.class).atZoneSameInstant(clock.getZone())
                    .toLocalDate();
            if (!today.isBefore(workingDays.afterWorkingDays(since, escalateAfterWorkingDays, calendars.of(rs)))) {
                escalated.put(rs.getString("leave_request_id"), rs.getString("manager_id"));
            }
        }, args);
        return escalated;
    }

    /**
     * The first moment of the earliest day a request may have started waiting and not be escalated today: the
     * period's working days take at least as many calendar days, so only requests waiting since before it are counted.
     */
    private OffsetDateTime earliestNotEscalated() {
        return today().minusDays(escalateAfterWorkingDays - 1L).atStartOfDay(clock.getZone()).toOffsetDateTime();
    }
}
