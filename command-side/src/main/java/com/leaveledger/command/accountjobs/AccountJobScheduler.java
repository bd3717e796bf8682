package com.leaveledger.command.accountjobs;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each check (every {@code ledger.account-jobs.check-every}, on a {@code PeriodicTask} of its own): runs this month's
 * accrual if it has not run to its end (the first check of a month starts it, a later one resumes a run cut short),
 * and once a day lets expired carried days lapse. Every instance checks; the accounts make concurrent runs harmless
 * (docs/adr/0044).
 */
public class AccountJobScheduler {

    private static final Logger log = LoggerFactory.getLogger(AccountJobScheduler.class);

    private final AccountJobs jobs;
    private final Clock clock;
    private final String actor;
    private LocalDate expiredOn;
    private boolean failing;

    public AccountJobScheduler(AccountJobs jobs, Clock clock, String actor) {
        this.jobs = jobs;
        this.clock = clock;
        this.actor = actor;
    }

    /** One check (the schedule's, or a test's). */
    public synchronized void check() {
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
}
