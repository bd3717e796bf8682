package com.leaveledger.command.infra;

import com.leaveledger.command.employee.Employee;
import com.leaveledger.command.employee.EmployeeCommandHandler;
import com.leaveledger.command.leaveaccount.LeaveAccount;
import com.leaveledger.command.leaveaccount.LeaveAccountCommandHandler;
import com.leaveledger.command.leaverequest.LeaveRequest;
import com.leaveledger.command.leaverequest.LeaveRequestCommandHandler;
import com.leaveledger.command.leaverequest.PeriodRegistry;
import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.calendar.WorkingWeeks;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicyConfiguration;
import com.leaveledger.support.privacy.DataKeyCipher;
import java.time.Clock;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The domain's wiring (the domain packages themselves know no Spring): the command handlers with their aggregates'
 * repositories, the leave policies, working days (holiday calendar and working weeks from service-support), the period registry, and the aggregates'
 * caches.
 */
@Configuration(proxyBeanMethods = false)
@Import({LeavePolicyConfiguration.class, CalendarConfiguration.class})
public class DomainConfiguration {

    @Bean
    WorkingDays workingDays(HolidayCalendar holidays, WorkingWeeks weeks) {
        return new WorkingDays(holidays, weeks);
    }

    @Bean
    PeriodRegistry periodRegistry(JdbcTemplate jdbc) {
        return new JdbcPeriodRegistry(jdbc);
    }

    // Aggregate caches: loading an aggregate is a map lookup instead of reading its events; the event store's
    // unique (aggregate, sequence) key still catches a stale copy when several instances run (docs/adr/0004).
    @Bean
    Cache employeeCache(AggregateCacheFactory caches) {
        return caches.create("employees");
    }

    @Bean
    Cache leaveAccountCache(AggregateCacheFactory caches) {
        return caches.create("leave-accounts");
    }

    @Bean
    Cache leaveRequestCache(AggregateCacheFactory caches) {
        return caches.create("leave-requests");
    }

    @Bean
    AggregateCacheFactory aggregateCacheFactory(CommandSideProperties properties) {
        return new AggregateCacheFactory(properties.aggregateCache());
    }

    @Bean
    EmployeeCommandHandler employeeCommandHandler(@Qualifier("employeeRepository") Repository<Employee> employees,
                                                  EventStore eventStore, HolidayCalendar holidays,
                                                  DataKeyCipher keys, Clock clock) {
        return new EmployeeCommandHandler(employees, id -> eventStore.lastSequenceNumberFor(id).isPresent(), holidays,
                keys::destroyKey, clock);
    }

    @Bean
    LeaveAccountCommandHandler leaveAccountCommandHandler(
            @Qualifier("leaveAccountRepository") Repository<LeaveAccount> accounts,
            @Qualifier("employeeRepository") Repository<Employee> employees, LeavePolicies policies, Clock clock) {
        return new LeaveAccountCommandHandler(accounts, employees, policies, clock);
    }

    @Bean
    LeaveRequestCommandHandler leaveRequestCommandHandler(
            @Qualifier("leaveRequestRepository") Repository<LeaveRequest> requests,
            @Qualifier("leaveAccountRepository") Repository<LeaveAccount> accounts,
            @Qualifier("employeeRepository") Repository<Employee> employees,
            PeriodRegistry periods, WorkingDays workingDays, LeavePolicies policies, Clock clock) {
        return new LeaveRequestCommandHandler(requests, accounts, employees, periods, workingDays, policies, clock);
    }
}
