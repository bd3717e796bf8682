package com.leaveledger.command.leaveaccount;

import com.leaveledger.command.employee.Employee;
import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand;
import com.leaveledger.kernel.leaveaccount.CarryOverCommand;
import com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.support.policy.LeavePolicies;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** HR's commands on a ledger account; the account opens with its first entry. */
public class LeaveAccountCommandHandler {

    private final Repository<LeaveAccount> accounts;
    private final Repository<Employee> employees;
    private final LeavePolicies policies;

    public LeaveAccountCommandHandler(Repository<LeaveAccount> accounts, Repository<Employee> employees,
                                      LeavePolicies policies) {
        this.accounts = accounts;
        this.employees = employees;
        this.policies = policies;
    }

    @CommandHandler
    public String handle(GrantEntitlementCommand command) throws Exception {
        requireEmployee(command.accountId());
        account(command.accountId()).execute(a -> a.grant(command.accountId(), command.days(), command.reason(),
                command.expiresOn()));
        return command.accountId().asString();
    }

    @CommandHandler
    public String handle(AdjustBalanceCommand command) throws Exception {
        requireEmployee(command.accountId());
        account(command.accountId()).execute(a -> a.adjust(command.accountId(), command.days(), command.reason(),
                policies.of(command.accountId().leaveType())));
        return command.accountId().asString();
    }

    @CommandHandler
    public String handle(CarryOverCommand command) throws Exception {
        requireEmployee(command.accountId());
        account(command.accountId()).execute(
                a -> a.carryOver(command.accountId(), command.days(), command.fromYear(), command.reason()));
        return command.accountId().asString();
    }

    private org.axonframework.modelling.command.Aggregate<LeaveAccount> account(LeaveAccountId id) throws Exception {
        return accounts.loadOrCreate(id.asString(), LeaveAccount::new);
    }

    private void requireEmployee(LeaveAccountId id) {
        try {
            employees.load(id.employeeId().value());
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + id.employeeId() + " is registered");
        }
    }
}
