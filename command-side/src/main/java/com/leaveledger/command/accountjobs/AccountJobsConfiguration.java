package com.leaveledger.command.accountjobs;

import com.leaveledger.support.infra.PeriodicTask;
import com.leaveledger.support.policy.LeavePolicies;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Monthly accrual, year-end close and the lapse of carried days (docs/adr/0044). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountJobsProperties.class)
public class AccountJobsConfiguration {

    @Bean
    AccountJobs accountJobs(CommandGateway commands, JdbcTemplate jdbc, LeavePolicies policies, MeterRegistry meters) {
        return new AccountJobs(commands, new ActiveEmployees(jdbc), new JobRuns(jdbc), policies, meters);
    }

    @Bean
    AccountJobScheduler accountJobScheduler(AccountJobs jobs, Clock clock, AccountJobsProperties settings) {
        return new AccountJobScheduler(jobs, clock, settings.actor());
    }

    /** The schedule of the checks, on a thread of its own (started with the context, stopped with it). */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "ledger.account-jobs.enabled", matchIfMissing = true)
    PeriodicTask accountJobsSchedule(AccountJobScheduler scheduler, AccountJobsProperties settings) {
        return new PeriodicTask("account-jobs", settings.initialDelay(), settings.checkEvery(), scheduler::check);
    }
}
