package com.leaveledger.command.accountjobs;

import com.leaveledger.command.leaveaccount.CarryForwardOutcome;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.AccrueDaysCommand;
import com.leaveledger.kernel.leaveaccount.CarryForwardCommand;
import com.leaveledger.kernel.leaveaccount.ExpireCarriedDaysCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.privacy.SubjectErasedException;
import com.leaveledger.support.policy.LeavePolicies;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs over every active employee, in id order, one employee at a time: the monthly accrual of each type with an
 * accrual policy, the year-end carry-over of each type with a carry-over policy, and the lapse of expired carried
 * days. Each step is a command the LeaveAccount aggregate makes idempotent; the run's position is recorded after each
 * employee, so a run cut short resumes there. Progress is in the gauges {@code ledger.jobs.employees.processed} and
 * {@code ledger.jobs.employees.remaining} (tag {@code job}) of the run this instance is doing or did last.
 */
public class AccountJobs {

    public static final String ACCRUAL = "accrual";
    public static final String YEAR_END = "year-end";
    private static final Logger log = LoggerFactory.getLogger(AccountJobs.class);
    private static final int PAGE = 200;
    private static final int ATTEMPTS = 5;

    /** What a run did: where it stands, and how many accounts this call changed. */
    public record Outcome(JobRuns.Run run, int changed) {
    }

    private final CommandGateway commands;
    private final ActiveEmployees employees;
    private final JobRuns runs;
    private final LeavePolicies policies;
    private final Map<String, AtomicLong[]> progress = new ConcurrentHashMap<>();

    public AccountJobs(CommandGateway commands, ActiveEmployees employees, JobRuns runs, LeavePolicies policies,
                       MeterRegistry meters) {
        this.commands = commands;
        this.employees = employees;
        this.runs = runs;
        this.policies = policies;
        for (String job : List.of(ACCRUAL, YEAR_END)) {
            AtomicLong[] counts = {new AtomicLong(), new AtomicLong()};
            progress.put(job, counts);
            Gauge.builder("ledger.jobs.employees.processed", counts[0], AtomicLong::get).tag("job", job)
                    .description("Employees the job's current or last run in this instance has done").register(meters);
            Gauge.builder("ledger.jobs.employees.remaining", counts[1], AtomicLong::get).tag("job", job)
                    .description("Employees the job's current run in this instance has still to do").register(meters);
        }
    }

    /** The accrual of {@code month} for every active employee, resumed or started again. */
    public Outcome accrue(YearMonth month, String actor) {
        List<LeaveType> types = Arrays.stream(LeaveType.values())
                .filter(type -> policies.of(type).accrual() != null).toList();
        return run(ACCRUAL, month.toString(), actor, employee -> {
            int changed = 0;
            for (LeaveType type : types) {
                Boolean accrued = send(new AccrueDaysCommand(new LeaveAccountId(employee, type, month.getYear()),
                        month), actor);
                changed += Boolean.TRUE.equals(accrued) ? 1 : 0;
            }
            return changed;
        });
    }

    /** Whether {@code month}'s accrual has run to its end. */
    public boolean accrued(YearMonth month) {
        return runs.find(ACCRUAL, month.toString()).filter(r -> r.status() == JobRuns.Status.COMPLETED).isPresent();
    }

    /** The year-end carry-over of {@code year} for every active employee's accounts, resumed or started again. */
    public Outcome closeYear(int year, String actor) {
        List<LeaveType> types = Arrays.stream(LeaveType.values())
                .filter(type -> policies.of(type).carryOver() != null).toList();
        return run(YEAR_END, Integer.toString(year), actor, employee -> {
            int changed = 0;
            for (LeaveType type : types) {
                try {
                    CarryForwardOutcome outcome = send(new CarryForwardCommand(new LeaveAccountId(employee, type,
                            year)), actor);
                    changed += outcome != null && outcome.done() ? 1 : 0;
                } catch (RuleViolation e) {
                    if (!"account-not-found".equals(e.rule())) {
                        throw e;
                    }
                }
            }
            return changed;
        });
    }

    /** Lets expired carried days of {@code today}'s year lapse; the number of accounts where they did. */
    public int expireCarriedDays(LocalDate today, String actor) {
        int lapsed = 0;
        for (String account : employees.accountsWithCarriedDays(today.getYear())) {
            Boolean done = send(new ExpireCarriedDaysCommand(LeaveAccountId.parse(account), today), actor);
            lapsed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return lapsed;
    }

    public java.util.Optional<JobRuns.Run> progress(String job, String period) {
        return runs.find(job, period);
    }

    private Outcome run(String job, String period, String actor, ToIntFunction<EmployeeId> perEmployee) {
        JobRuns.Run run = runs.begin(job, period, employees.count());
        AtomicLong[] counts = progress.get(job);
        int processed = run.processed();
        int changed = 0;
        counts[0].set(processed);
        counts[1].set(Math.max(0, run.total() - processed));
        log.info("{} {}: {} of {} employees done, resuming after {}", job, period, processed, run.total(),
                run.lastEmployeeId());
        String after = run.lastEmployeeId();
        for (List<String> page = employees.after(after, PAGE); !page.isEmpty(); page = employees.after(after, PAGE)) {
            for (String employee : page) {
                try {
                    changed += perEmployee.applyAsInt(new EmployeeId(employee));
                } catch (RuleViolation | SubjectErasedException e) {
                    log.info("{} {}: skipped employee {}: {}", job, period, employee, e.getMessage());
                }
                processed++;
                runs.advance(job, period, employee, processed);
                counts[0].set(processed);
                counts[1].set(Math.max(0, run.total() - processed));
                after = employee;
            }
        }
        runs.complete(job, period);
        counts[1].set(0);
        log.info("{} {}: done, {} employees, {} accounts changed by this run", job, period, processed, changed);
        return new Outcome(runs.find(job, period).orElseThrow(), changed);
    }

    /** Sends a command as {@code actor}, again on fresh state when it lost a race with another instance. */
    private <R> R send(Object command, String actor) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .withMetaData(MetaData.with(MetadataKeys.ACTOR, actor)));
            } catch (ConcurrencyException | AggregateStreamCreationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
