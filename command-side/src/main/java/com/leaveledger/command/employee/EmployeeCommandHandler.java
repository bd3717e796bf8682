package com.leaveledger.command.employee;

import com.leaveledger.support.calendar.HolidayCalendar;
import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.employee.EmployeeId;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Registers employees: the manager must already be registered and the holiday calendar must exist. */
public class EmployeeCommandHandler {

    private final Repository<Employee> employees;
    private final Predicate<String> registered;
    private final HolidayCalendar holidays;
    private final Consumer<EmployeeId> destroyKey;

    /**
     * @param registered tells whether an employee id has a stream in the event store; asked instead of loading the
     *                   aggregate, because a failed load costs an exception (and Axon logs it)
     * @param destroyKey destroys an employee's data key in the current transaction (docs/adr/0033, section 5)
     */
    public EmployeeCommandHandler(Repository<Employee> employees, Predicate<String> registered,
                                  HolidayCalendar holidays, Consumer<EmployeeId> destroyKey) {
        this.employees = employees;
        this.registered = registered;
        this.holidays = holidays;
        this.destroyKey = destroyKey;
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
        try {
            employees.load(command.employeeId().value()).execute(employee -> employee.erase(command));
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + command.employeeId() + " is registered");
        }
        destroyKey.accept(command.employeeId());
    }

    /** A part-time employee's own working days, or their country's week again, from a date on. */
    @CommandHandler
    public void handle(ChangeWorkingPatternCommand command) {
        try {
            employees.load(command.employeeId().value()).execute(employee -> employee.changeWorkingPattern(command));
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + command.employeeId() + " is registered");
        }
    }

    private boolean exists(String id) {
        return registered.test(id);
    }
}
