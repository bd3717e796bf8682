package com.leaveledger.command.employee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import com.leaveledger.support.calendar.EmployeeCalendar;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Reference data of an employee, registered by HR: who their manager is, which holiday calendar applies. */
@Aggregate(cache = "employeeCache")
public class Employee {

    @AggregateIdentifier
    private String employeeId;
    private EmployeeId managerId;
    private String country;
    private String subdivision;
    private EmployeeCalendar calendar;
    private boolean erased;

    protected Employee() {
    }

    Employee(RegisterEmployeeCommand command) {
        apply(new EmployeeRegisteredEvent(command.employeeId(), command.name(), command.email(), command.phone(),
                command.pushToken(), command.managerId(), command.country(), command.subdivision(),
                command.notificationChannels()));
    }

    /** Erases the employee's personal data (their key is destroyed by the handler, in the same transaction). */
    void erase(EraseSubjectCommand command) {
        if (erased) {
            throw RuleViolation.conflict("employee-erased", "employee " + employeeId + " has been erased already");
        }
        apply(new SubjectErasedEvent(command.employeeId(), command.legalBasis(), command.reason()));
    }

    /** Their own working days from a date on (part time), or their country's week again (an empty list). */
    void changeWorkingPattern(ChangeWorkingPatternCommand command) {
        if (erased) {
            throw RuleViolation.conflict("employee-erased", "employee " + employeeId
                    + " has been erased: nothing new is recorded for them");
        }
        List<DayOfWeek> days = command.workingDays() == null ? List.of() : command.workingDays();
        if (new HashSet<>(days).size() != days.size()) {
            throw RuleViolation.invalid("duplicate-working-day", "workingDays names a day more than once: " + days);
        }
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        apply(new WorkingPatternChangedEvent(command.employeeId(), command.effectiveFrom(), sorted));
    }

    @EventSourcingHandler
    void on(WorkingPatternChangedEvent event) {
        calendar = calendar.withOwnDays(event.effectiveFrom(), event.workingDays().isEmpty()
                ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(event.workingDays()));
    }

    @EventSourcingHandler
    void on(SubjectErasedEvent event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(EmployeeRegisteredEvent event) {
        employeeId = event.employeeId().value();
        managerId = event.managerId();
        country = event.country();
        subdivision = event.subdivision();
        calendar = EmployeeCalendar.of(country, subdivision);
    }

    public EmployeeId id() {
        return new EmployeeId(employeeId);
    }

    public Optional<EmployeeId> managerId() {
        return Optional.ofNullable(managerId);
    }

    public String country() {
        return country;
    }

    /** Erased: their personal data is unreadable and nothing new is recorded for them. */
    public boolean erased() {
        return erased;
    }

    public String subdivision() {
        return subdivision;
    }

    /** The calendar their working days are counted in. */
    public EmployeeCalendar calendar() {
        return calendar;
    }
}
