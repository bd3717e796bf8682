package com.leaveledger.query.calendar;

import com.leaveledger.query.calendar.TeamCalendarQueries.Day;
import com.leaveledger.query.calendar.TeamCalendarQueries.TeamHoliday;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.query.web.Caller;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.query.web.QueryYears;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The team calendar of a manager (that manager, HR). */
@RestController
public class TeamCalendarController {

    /** Longest range one call covers. */
    public static final int MAX_DAYS = 366;

    private final TeamCalendarQueries queries;
    private final AccessRules access;

    public TeamCalendarController(TeamCalendarQueries queries, AccessRules access) {
        this.queries = queries;
        this.access = access;
    }

    @Operation(summary = "Who of the manager's team is off on each day from..to (approved or pending; working days)")
    @ProblemResponse(status = 400, rules = {"invalid-period", "period-too-long"})
    @ProblemResponse(status = 403, rules = "not-your-team")
    @GetMapping("/api/team-calendar")
    TeamCalendar calendar(@RequestParam String managerId,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                          @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) LocalDate from,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                          @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) LocalDate to,
                          Authentication authentication) {
        access.requireTeamAccess(Caller.of(authentication), managerId);
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("invalid-period", "to " + to + " is before from " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw RuleViolation.invalid("period-too-long", "the calendar covers at most " + MAX_DAYS + " days");
        }
        return new TeamCalendar(managerId, from, to, queries.calendar(managerId, from, to),
                queries.holidays(managerId, from, to));
    }

    /** {@code holidays}: the public holidays from..to of the team's calendars, by date. */
    public record TeamCalendar(String managerId, LocalDate from, LocalDate to, List<Day> days,
                               List<TeamHoliday> holidays) {
    }
}
