package com.leaveledger.command.web;

import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.command.employee.Employee;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A period's working days in an employee's calendar, counted as submitting it would count them: the same
 * {@link WorkingDays} and the same checks in the same order as {@code LeaveRequestCommandHandler} (employee known and
 * not erased, period, half days, at least one working day). Reads the employee aggregate in a unit of work of its
 * own that records nothing.
 */
@Component
public class WorkingDaysPreview {

    private final Repository<Employee> employees;
    private final WorkingDays workingDays;

    public WorkingDaysPreview(@Qualifier("employeeRepository") Repository<Employee> employees,
                              WorkingDays workingDays) {
        this.employees = employees;
        this.workingDays = workingDays;
    }

    /** The employee's manager, for the access rule; 404 {@code employee-not-found} if not registered. */
    public Optional<EmployeeId> managerOf(EmployeeId id) {
        return employee(id).managerId();
    }

    public Preview count(EmployeeId id, LocalDate start, LocalDate end, boolean halfDayStart, boolean halfDayEnd) {
        Employee employee = employee(id);
        if (employee.erased()) {
            throw RuleViolation.conflict("employee-erased", "employee " + id
                    + " has been erased: nothing new is recorded for them");
        }
        List<YearShare> shares = workingDays.countRequested(start, end, halfDayStart, halfDayEnd, employee.calendar());
        return new Preview(id.value(), start, end, halfDayStart, halfDayEnd, WorkingDays.total(shares), shares);
    }

    private Employee employee(EmployeeId id) {
        ResultMessage<Employee> loaded = DefaultUnitOfWork.startAndGet(null).executeWithResult(
                () -> employees.load(id.value()).invoke(Function.identity()), RollbackConfigurationType.ANY_THROWABLE);
        if (!loaded.isExceptional()) {
            return loaded.getPayload();
        }
        Throwable failure = loaded.exceptionResult();
        if (failure instanceof AggregateNotFoundException) {
            throw RuleViolation.notFound("employee-not-found", "no employee " + id + " is registered");
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException(failure);
    }

    /** What a submit of that period would take: the total and its split by calendar year. */
    public record Preview(String employeeId, LocalDate startDate, LocalDate endDate, boolean halfDayStart,
                          boolean halfDayEnd, BigDecimal workingDays, List<YearShare> shares) {
    }
}
