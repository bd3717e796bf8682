package com.leaveledger.command.employee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
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

    protected Employee() {
    }

    Employee(RegisterEmployeeCommand command) {
        apply(new EmployeeRegisteredEvent(command.employeeId(), command.name(), command.email(), command.phone(),
                command.pushToken(), command.managerId(), command.country(), command.subdivision(),
                command.notificationChannels()));
    }

    @EventSourcingHandler
    void on(EmployeeRegisteredEvent event) {
        employeeId = event.employeeId().value();
        managerId = event.managerId();
        country = event.country();
        subdivision = event.subdivision();
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

    public String subdivision() {
        return subdivision;
    }
}
