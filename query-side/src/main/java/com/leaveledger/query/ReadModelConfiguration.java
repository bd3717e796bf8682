package com.leaveledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.query.balance.BalanceQueries;
import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.calendar.JollydayHolidayCalendar;
import com.leaveledger.query.calendar.TeamCalendarQueries;
import com.leaveledger.query.employee.EmployeeDirectory;
import com.leaveledger.query.request.LeaveRequestQueries;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side of the read models: one query object per feature package (each a bean or two, so one configuration
 * for them all) and the access rules the controllers apply. The audit package has its own
 * ({@link com.leaveledger.query.audit.AuditConfiguration}). The leave policies come from service-support's
 * {@link LeavePolicyConfiguration} (shown by {@code GET /api/leave-policies}).
 */
@Configuration(proxyBeanMethods = false)
@Import(LeavePolicyConfiguration.class)
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
    LeaveRequestQueries leaveRequestQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new LeaveRequestQueries(jdbc, json);
    }

    @Bean
    BalanceQueries balanceQueries(JdbcTemplate jdbc) {
        return new BalanceQueries(jdbc);
    }

    @Bean
    HolidayCalendar holidayCalendar() {
        return new JollydayHolidayCalendar();
    }

    @Bean
    TeamCalendarQueries teamCalendarQueries(JdbcTemplate jdbc, HolidayCalendar holidays) {
        return new TeamCalendarQueries(jdbc, holidays);
    }
}
