package com.leaveledger.command.employee;

import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.DelegateApprovalsCommand;
import com.leaveledger.kernel.employee.RevokeDelegationCommand;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Registers employees (the manager must already be registered and the holiday calendar must exist), erases them,
 * and records managers' delegations of their approvals.
 */
public class EmployeeCommandHandler {

    private final Repository<Employee> employees;
    private final Predicate<String> registered;
    private final HolidayCalendar holidays;
    private final Consumer<EmployeeId> destroyKey;
    private final Clock clock;

    /**
     * @param registered tells whether an employee id has a stream in the event store; asked instead of loading the
     *                   aggregate, because a failed load costs an exception (and Axon logs it)
     * @param destroyKey destroys an employee's data key in the current transaction (docs/adr/0033, section 5)
     */
    public EmployeeCommandHandler(Repository<Employee> employees, Predicate<String> registered,
                                  HolidayCalendar holidays, Consumer<EmployeeId> destroyKey, Clock clock) {
        this.employees = employees;
        this.registered = registered;
        this.holidays = holidays;
        this.destroyKey = destroyKey;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(RegisterEmployeeCommand command) throws Exception {
        if (!holidays.supports(command.country(), command.subdivision())) {
            throw RuleViolation.unprocessable("unknown-holiday-calendar", "no public-holiday calendar for country '"
                    + command.country() + "'" + (command.subdivision() == null ? "" : " subdivision '"
                    + command.subdivision() + "'"));
        }
        if (exists(command.employeeId().value())) {
            throw RuleViolation.conflict("employee-already-registered",
                    "employee " + command.employeeId() + " is already registered");
        }
        if (command.managerId() != null) {
            if (command.managerId().equals(command.employeeId())) {
                throw RuleViolation.unprocessable("own-manager", "an employee cannot be their own manager");
            }
            if (!exists(command.managerId().value())) {
                throw RuleViolation.unprocessable("unknown-manager",
                        "manager " + command.managerId() + " is not a registered employee");
            }
        }
        employees.newInstance(() -> new Employee(command));
        return command.employeeId().value();
    }

    /**
     * Erasure (GDPR Art. 17): records {@code SubjectErasedEvent} and destroys the employee's data key in one
     * transaction, so either both happen or neither.
     */
    @CommandHandler
    public void handle(EraseSubjectCommand command) {
        change(command.employeeId(), employee -> employee.erase(command));
        destroyKey.accept(command.employeeId());
    }

    /**
     * A manager lets a registered, not erased colleague decide their reports' requests for a period. The two
     * aggregates are locked in the order of their ids, so two managers delegating to each other never deadlock.
     */
    @CommandHandler
    public void handle(DelegateApprovalsCommand command) {
        boolean delegateFirst = command.delegateId().value().compareTo(command.employeeId().value()) < 0;
        Aggregate<Employee> first = delegateFirst ? load(command.delegateId(), "unknown-delegate") : null;
        Aggregate<Employee> manager = load(command.employeeId(), "employee-not-found");
        Employee delegate = (delegateFirst ? first : load(command.delegateId(), "unknown-delegate"))
                .invoke(Function.identity());
        manager.execute(m -> m.delegate(command, delegate, LocalDate.now(clock)));
    }

    @CommandHandler
    public void handle(RevokeDelegationCommand command) {
        load(command.employeeId(), "employee-not-found").execute(manager -> manager.revoke(command));
    }

    private Aggregate<Employee> load(EmployeeId id, String rule) {
        if (!exists(id.value())) {
            throw "employee-not-found".equals(rule)
                    ? RuleViolation.notFound(rule, "no employee " + id + " is registered")
                    : RuleViolation.unprocessable(rule, "employee " + id + " is not registered");
        }
        return employees.load(id.value());
    }

    /** A part-time employee's own working days, or their country's week again, from a date on. */
    @CommandHandler
    public void handle(ChangeWorkingPatternCommand command) {
        change(command.employeeId(), employee -> employee.changeWorkingPattern(command));
    }

    private void change(EmployeeId id, Consumer<Employee> change) {
        try {
            employees.load(id.value()).execute(change);
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + id + " is registered");
        }
    }

    private boolean exists(String id) {
        return registered.test(id);
    }
}
