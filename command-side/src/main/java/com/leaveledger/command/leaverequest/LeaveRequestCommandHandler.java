package com.leaveledger.command.leaverequest;

import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.command.employee.Employee;
import com.leaveledger.command.leaveaccount.LeaveAccount;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.ApproveLeaveCommand;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.CancelLeaveCommand;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.RejectLeaveCommand;
import com.leaveledger.kernel.leaverequest.SubmitLeaveCommand;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.support.policy.LeavePolicies;
import com.leaveledger.support.policy.LeavePolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * The LeaveRequest ↔ LeaveAccount interaction. Each command changes the request and the accounts of the years it
 * draws from in one unit of work, hence one database transaction: reserve on submit, deduct on approval, release
 * on rejection or cancellation, restore when approved leave is cancelled. Either every event is stored or none.
 * Concurrent commands on the same account are serialised by the aggregate lock within a process and by the event
 * store's unique (aggregate, sequence) key across processes; overlapping periods by the {@link PeriodRegistry}.
 * Locks are always taken in the order request → employee → the employee's manager (deciding at a manager level) →
 * accounts (by year), so two commands on requests never wait on each other in a cycle.
 */
public class LeaveRequestCommandHandler {

    private final Repository<LeaveRequest> requests;
    private final Repository<LeaveAccount> accounts;
    private final Repository<Employee> employees;
    private final PeriodRegistry periods;
    private final WorkingDays workingDays;
    private final LeavePolicies policies;
    private final Clock clock;

    public LeaveRequestCommandHandler(Repository<LeaveRequest> requests, Repository<LeaveAccount> accounts,
                                      Repository<Employee> employees, PeriodRegistry periods,
                                      WorkingDays workingDays, LeavePolicies policies, Clock clock) {
        this.requests = requests;
        this.accounts = accounts;
        this.employees = employees;
        this.periods = periods;
        this.workingDays = workingDays;
        this.policies = policies;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(SubmitLeaveCommand command) throws Exception {
        Employee employee = employee(command.employeeId());
        if (employee.erased()) {
            throw RuleViolation.conflict("employee-erased", "employee " + command.employeeId()
                    + " has been erased: nothing new is recorded for them");
        }
        LeavePolicy policy = policies.of(command.leaveType());
        if ((command.halfDayStart() || command.halfDayEnd()) && !policy.allowsHalfDays()) {
            throw RuleViolation.unprocessable("half-days-not-allowed",
                    command.leaveType() + " leave is taken in whole days");
        }
        if (policy.needsApproval() && employee.managerId().isEmpty()) {
            throw RuleViolation.unprocessable("no-approver", command.leaveType()
                    + " leave needs a manager's approval and " + command.employeeId() + " has no manager");
        }
        List<YearShare> shares = workingDays.countRequested(command.startDate(), command.endDate(),
                command.halfDayStart(), command.halfDayEnd(), employee.calendar());
        BigDecimal total = WorkingDays.total(shares);
        periods.book(command.employeeId(), command.leaveRequestId(), command.startDate(), command.endDate());

        LeaveRequestedEvent requested = new LeaveRequestedEvent(command.leaveRequestId(), command.employeeId(),
                employee.managerId().orElse(null), command.leaveType(), command.startDate(), command.endDate(),
                command.halfDayStart(), command.halfDayEnd(), total, shares, command.reason(),
                policy.approvalsFor(total));
        Aggregate<LeaveRequest> request = requests.newInstance(() -> new LeaveRequest(requested));
        for (YearShare share : shares) {
            LeaveAccountId accountId = new LeaveAccountId(command.employeeId(), command.leaveType(), share.year());
            accounts.loadOrCreate(accountId.asString(), LeaveAccount::new)
                    .execute(account -> {
                        // Carried days past their expiry lapse first, so a new request never draws on them.
                        account.expireCarriedDays(accountId, LocalDate.now(clock));
                        account.reserve(accountId, command.leaveRequestId(), share.days(), policy);
                    });
        }
        if (!policy.needsApproval()) {
            request.execute(LeaveRequest::approveAutomatically);
            forEachAccount(command.employeeId(), command.leaveType(), shares,
                    (id, account) -> account.deduct(id, command.leaveRequestId()));
        }
        return command.leaveRequestId().value();
    }

    @CommandHandler
    public void handle(ApproveLeaveCommand command) {
        LeaveRequest decided = decide(command.leaveRequestId(), (request, managerLevel) -> request.approve(
                command.approverId(), command.approverHasHr(), managerLevel, command.comment()));
        if (decided.status() == LeaveRequestStatus.APPROVED) {
            forEachAccount(decided.employeeId(), decided.leaveType(), decided.shares(),
                    (id, account) -> account.deduct(id, command.leaveRequestId()));
        }
    }

    @CommandHandler
    public void handle(RejectLeaveCommand command) {
        LeaveRequest decided = decide(command.leaveRequestId(), (request, managerLevel) -> request.reject(
                command.rejectorId(), command.rejectorHasHr(), managerLevel, command.reason()));
        periods.release(command.leaveRequestId());
        forEachAccount(decided.employeeId(), decided.leaveType(), decided.shares(),
                (id, account) -> account.release(id, command.leaveRequestId()));
    }

    /** Approves or rejects the request at its current level, with who may decide there today; answers the request. */
    private LeaveRequest decide(LeaveRequestId id, BiConsumer<LeaveRequest, ManagerLevel> decision) {
        Aggregate<LeaveRequest> request = request(id);
        LeaveRequest current = request.invoke(Function.identity());
        ManagerLevel managerLevel = managerLevel(current);
        request.execute(r -> decision.accept(r, managerLevel));
        return current;
    }

    /**
     * Who may decide the request at a manager level today: the employee's manager, the manager's delegates for today
     * and, once the request has waited {@code escalate-after-working-days} of the employee's working days at that
     * level, the manager's own manager (docs/leave-policies.md).
     */
    private ManagerLevel managerLevel(LeaveRequest request) {
        Employee employee = employee(request.employeeId());
        Optional<EmployeeId> managerId = employee.managerId();
        if (managerId.isEmpty() || request.awaited().filter(Approver.MANAGER::equals).isEmpty()) {
            return new ManagerLevel(managerId, Set.of(), Optional.empty());
        }
        LocalDate today = LocalDate.now(clock);
        Employee manager = employee(managerId.get());
        // The same count as the saga's escalation notice: the escalateAfter-th working day after the day the request
        // started waiting at its level.
        LocalDate waitingSince = LocalDate.ofInstant(request.awaitingSince(), clock.getZone());
        boolean escalated = !today.isBefore(workingDays.afterWorkingDays(waitingSince,
                policies.reminders().escalateAfterWorkingDays(), employee.calendar()));
        return new ManagerLevel(managerId, manager.delegatesOn(today),
                escalated ? manager.managerId() : Optional.empty());
    }

    @CommandHandler
    public void handle(CancelLeaveCommand command) {
        Aggregate<LeaveRequest> request = request(command.leaveRequestId());
        LeaveRequest current = request.invoke(Function.identity());
        LeaveRequestStatus before = current.status();
        request.execute(r -> r.cancel(command.cancelledBy(), command.reason(), LocalDate.now(clock)));
        periods.release(command.leaveRequestId());
        forEachAccount(current.employeeId(), current.leaveType(), current.shares(), (id, account) -> {
            if (before == LeaveRequestStatus.APPROVED) {
                account.restore(id, command.leaveRequestId());
            } else {
                account.release(id, command.leaveRequestId());
            }
        });
    }

    private void forEachAccount(EmployeeId employee, LeaveType type, List<YearShare> shares,
                                BiConsumer<LeaveAccountId, LeaveAccount> action) {
        for (YearShare share : shares) {
            LeaveAccountId accountId = new LeaveAccountId(employee, type, share.year());
            accounts.load(accountId.asString()).execute(account -> action.accept(accountId, account));
        }
    }

    private Aggregate<LeaveRequest> request(LeaveRequestId id) {
        try {
            return requests.load(id.value());
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("leave-request-not-found", "no leave request " + id);
        }
    }

    private Employee employee(EmployeeId id) {
        try {
            return employees.load(id.value()).invoke(Function.identity());
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + id + " is registered");
        }
    }
}
