package com.leaveledger.notification.directory;

import com.leaveledger.notification.NotificationProperties;
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

    @Bean
    EmployeeDirectoryProjection employeeDirectoryProjection(JdbcTemplate jdbc, EmployeeDirectory directory) {
        return new EmployeeDirectoryProjection(jdbc, directory);
    }
}
