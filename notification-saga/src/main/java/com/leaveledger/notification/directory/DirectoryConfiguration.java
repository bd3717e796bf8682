package com.leaveledger.notification.directory;

import com.leaveledger.notification.NotificationProperties;
import com.leaveledger.notification.saga.ApprovalReminders;
import com.leaveledger.support.calendar.EmployeeCalendar;
import java.util.Optional;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The recipients' contacts: a projection of the employees fed from Kafka, read through a short-lived cache. */
@Configuration(proxyBeanMethods = false)
public class DirectoryConfiguration {

    @Bean
    EmployeeDirectory employeeDirectory(JdbcTemplate jdbc, NotificationProperties properties, Clock clock) {
        return new EmployeeDirectory(jdbc, properties.directoryCacheTtl(), clock);
    }

    /** What the saga's reminders ask the directory: an employee's calendar and their manager. */
    @Bean
    ApprovalReminders.Employees approvalEmployees(EmployeeDirectory directory) {
        return new ApprovalReminders.Employees() {
            @Override
            public EmployeeCalendar calendarOf(String employeeId) {
                return directory.calendarOf(employeeId);
            }

            @Override
            public Optional<String> managerOf(String employeeId) {
                return directory.find(employeeId).map(Contact::managerId);
            }
        };
    }

    @Bean
    EmployeeDirectoryProjection employeeDirectoryProjection(JdbcTemplate jdbc, EmployeeDirectory directory) {
        return new EmployeeDirectoryProjection(jdbc, directory);
    }
}
