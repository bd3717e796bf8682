package com.leaveledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.query.balance.BalanceQueries;
import com.leaveledger.query.calendar.TeamCalendarQueries;
import com.leaveledger.query.employee.EmployeeCalendars;
import com.leaveledger.query.employee.EmployeeDirectory;
import com.leaveledger.query.request.Escalations;
import com.leaveledger.query.request.LeaveRequestQueries;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.calendar.WorkingWeeks;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side of the read models: one query object per feature package (each a bean or two, so one configuration
 * for them all) and the access rules the controllers apply. The audit package has its own
 * ({@link com.leaveledger.query.audit.AuditConfiguration}). The leave policies come from service-support's
 * {@link LeavePolicyConfiguration} (shown by {@code GET /api/leave-policies}), the calendar that counts working
 * days from its {@link CalendarConfiguration} (the same count as the command side's).
 */
@Configuration(proxyBeanMethods = false)
@Import({LeavePolicyConfiguration.class, CalendarConfiguration.class})
public class ReadModelConfiguration {

    @Bean
    EmployeeDirectory employeeDirectory(JdbcTemplate jdbc) {
        return new EmployeeDirectory(jdbc);
    }

    @Bean
    AccessRules accessRules(EmployeeDirectory directory) {
        return new AccessRules(directory);
    }

    @Bean
    EmployeeCalendars employeeCalendars(ObjectMapper json) {
        return new EmployeeCalendars(json);
    }

    @Bean
    WorkingDays workingDays(HolidayCalendar holidays, WorkingWeeks weeks) {
        return new WorkingDays(holidays, weeks);
    }

    /** Escalated requests, counted in {@code ledger.time-zone} with the command side's escalation period. */
    @Bean
    Escalations escalations(JdbcTemplate jdbc, EmployeeCalendars calendars, WorkingDays workingDays,
                            LeavePolicies policies, Clock clock, QuerySideProperties properties) {
        return new Escalations(jdbc, calendars, workingDays, policies.reminders().escalateAfterWorkingDays(),
                clock.withZone(properties.timeZone()));
    }

    @Bean
    LeaveRequestQueries leaveRequestQueries(JdbcTemplate jdbc, ObjectMapper json, Escalations escalations) {
        return new LeaveRequestQueries(jdbc, json, escalations);
    }

    @Bean
    BalanceQueries balanceQueries(JdbcTemplate jdbc) {
        return new BalanceQueries(jdbc);
    }

    @Bean
    TeamCalendarQueries teamCalendarQueries(JdbcTemplate jdbc, HolidayCalendar holidays, WorkingDays workingDays,
                                            EmployeeCalendars calendars) {
        return new TeamCalendarQueries(jdbc, holidays, workingDays, calendars);
    }
}
