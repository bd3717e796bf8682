package com.leaveledger.command.employee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
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
