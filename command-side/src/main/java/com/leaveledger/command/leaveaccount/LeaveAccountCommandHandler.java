package com.leaveledger.command.leaveaccount;

import com.leaveledger.command.employee.Employee;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.leaveaccount.AccrueDaysCommand;
import com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand;
import com.leaveledger.kernel.leaveaccount.CarryForwardCommand;
import com.leaveledger.kernel.leaveaccount.CarryOverCommand;
import com.leaveledger.kernel.leaveaccount.ExpireCarriedDaysCommand;
import com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * HR's commands on a ledger account, and the scheduled ones (accrual, year-end, lapse of carried days); the account
 * opens with its first entry. Carried days past their expiry lapse before any of these commands changes the account.
 */
public class LeaveAccountCommandHandler {

    private final Repository<LeaveAccount> accounts;
    private final Repository<Employee> employees;
    private final LeavePolicies policies;
    private final Clock clock;

    public LeaveAccountCommandHandler(Repository<LeaveAccount> accounts, Repository<Employee> employees,
                                      LeavePolicies policies, Clock clock) {
        this.accounts = accounts;
        this.employees = employees;
        this.policies = policies;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(GrantEntitlementCommand command) throws Exception {
        requireEmployee(command.accountId());
        change(command.accountId(), a -> a.grant(command.accountId(), command.days(), command.reason(),
                command.expiresOn()));
        return command.accountId().asString();
    }

    @CommandHandler
    public String handle(AdjustBalanceCommand command) throws Exception {
        requireEmployee(command.accountId());
        change(command.accountId(), a -> a.adjust(command.accountId(), command.days(), command.reason(),
                policies.of(command.accountId().leaveType())));
        return command.accountId().asString();
    }

    @CommandHandler
    public String handle(CarryOverCommand command) throws Exception {
        requireEmployee(command.accountId());
        change(command.accountId(),
                a -> a.carryOver(command.accountId(), command.days(), command.fromYear(), command.reason()));
        return command.accountId().asString();
    }

    /** True if the period was accrued now, false if it had been before. */
    @CommandHandler
    public Boolean handle(AccrueDaysCommand command) throws Exception {
        LeaveAccountId id = command.accountId();
        requireActiveEmployee(id);
        LeavePolicy.Accrual accrual = policies.of(id.leaveType()).accrual();
        if (accrual == null) {
            throw RuleViolation.unprocessable("no-accrual-policy", id.leaveType() + " does not accrue monthly");
        }
        if (command.period().atDay(1).isAfter(today())) {
            throw RuleViolation.unprocessable("period-not-started", command.period() + " has not started yet");
        }
        boolean[] accrued = new boolean[1];
        change(id, a -> accrued[0] = a.accrue(id, command.period(), accrual.daysPerMonth()));
        return accrued[0];
    }

    @CommandHandler
    public CarryForwardOutcome handle(CarryForwardCommand command) throws Exception {
        LeaveAccountId from = command.accountId();
        requireActiveEmployee(from);
        LeavePolicy.CarryOver rule = policies.of(from.leaveType()).carryOver();
        if (rule == null) {
            throw RuleViolation.unprocessable("no-carry-over-policy", from.leaveType() + " does not carry over");
        }
        if (from.year() >= today().getYear()) {
            throw RuleViolation.unprocessable("year-not-ended", from.year() + " has not ended yet");
        }
        Aggregate<LeaveAccount> source;
        try {
            source = accounts.load(from.asString());
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("account-not-found", "no " + from.leaveType() + " account of "
                    + from.employeeId() + " in " + from.year());
        }
        LeaveAccountId to = new LeaveAccountId(from.employeeId(), from.leaveType(), from.year() + 1);
        LocalDate expiresOn = rule.expiryIn(to.year());
        LocalDate today = today();
        var carried = source.invoke(a -> {
            a.expireCarriedDays(from, today);
            return a.carryForward(from, rule.cap());
        });
        carried.filter(days -> days.signum() > 0).ifPresent(days -> change(to, a -> {
            a.carryOver(to, days, from.year(), "year-end carry-over from " + from.year(), expiresOn);
            // A late year-end (after the expiry): the days lapse now, not at the next daily pass or change.
            a.expireCarriedDays(to, today);
        }));
        return new CarryForwardOutcome(from, to, carried.orElse(null), expiresOn);
    }

    /** True if carried days lapsed now. */
    @CommandHandler
    public Boolean handle(ExpireCarriedDaysCommand command) throws Exception {
        Aggregate<LeaveAccount> account;
        try {
            account = accounts.load(command.accountId().asString());
        } catch (AggregateNotFoundException e) {
            return false;
        }
        return account.invoke(a -> a.expireCarriedDays(command.accountId(), command.today()));
    }

    private void change(LeaveAccountId id, Consumer<LeaveAccount> command) {
        LocalDate today = today();
        try {
            accounts.loadOrCreate(id.asString(), LeaveAccount::new).execute(a -> {
                a.expireCarriedDays(id, today);
                command.accept(a);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Employee requireEmployee(LeaveAccountId id) {
        try {
            return employees.load(id.employeeId().value()).invoke(e -> e);
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + id.employeeId() + " is registered");
        }
    }

    private void requireActiveEmployee(LeaveAccountId id) {
        if (requireEmployee(id).erased()) {
            throw RuleViolation.conflict("employee-erased", "employee " + id.employeeId()
                    + " has been erased: nothing new is recorded for them");
        }
    }
}
