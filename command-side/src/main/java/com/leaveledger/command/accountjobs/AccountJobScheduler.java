package com.leaveledger.command.accountjobs;

import com.leaveledger.support.infra.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code ledger.account-jobs.check-every}: runs this month's accrual if it has not run to its end (the first
 * check of a month starts it, a later one resumes a run cut short), and once a day lets expired carried days lapse.
 * Every instance checks; the accounts make concurrent runs harmless (docs/adr/0044).
 */
public class AccountJobScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccountJobScheduler.class);

    private final AccountJobs jobs;
    private final Clock clock;
    private final String actor;
    private final PeriodicTask task;
    private LocalDate expiredOn;
    private boolean failing;

    public AccountJobScheduler(AccountJobs jobs, Clock clock, AccountJobsProperties settings) {
        this.jobs = jobs;
        this.clock = clock;
        this.actor = settings.actor();
        this.task = new PeriodicTask("account-jobs", settings.initialDelay(), settings.checkEvery(), this::check);
    }

    /** One check (the schedule's, or a test's). */
    public void check() {
        try {
            LocalDate today = LocalDate.now(clock);
            YearMonth month = YearMonth.from(today);
            if (!jobs.accrued(month)) {
                jobs.accrue(month, actor);
            }
            if (!today.equals(expiredOn)) {
                int lapsed = jobs.expireCarriedDays(today, actor);
                log.info("carried days lapsed in {} accounts on {}", lapsed, today);
                expiredOn = today;
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("account jobs: check failed, retrying at the next check: {}", e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        try {
            task.stopAndWait(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
