package com.leaveledger.command.employee;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.employee.ApprovalsDelegatedEvent;
import com.leaveledger.kernel.employee.DelegateApprovalsCommand;
import com.leaveledger.kernel.employee.DelegationRevokedEvent;
import com.leaveledger.kernel.employee.RevokeDelegationCommand;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import com.leaveledger.support.calendar.EmployeeCalendar;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
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
    private final Map<String, Delegation> delegations = new LinkedHashMap<>();

    /** A period in which {@code delegate} decides this manager's reports' requests at the manager level. */
    record Delegation(EmployeeId delegate, LocalDate from, LocalDate to) {

        boolean covers(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }

        boolean overlaps(LocalDate otherFrom, LocalDate otherTo) {
            return !otherFrom.isAfter(to) && !from.isAfter(otherTo);
        }
    }

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

    /**
     * Lets {@code delegate} (checked by the handler: registered, not erased) decide this manager's reports' requests
     * during a period. Several delegates may share a period; one delegate's periods never overlap.
     */
    void delegate(DelegateApprovalsCommand command, Employee delegate, LocalDate today) {
        if (erased) {
            throw RuleViolation.conflict("employee-erased", "employee " + employeeId + " has been erased");
        }
        if (command.delegateId().equals(id())) {
            throw RuleViolation.unprocessable("own-delegate", "a manager cannot delegate to themself");
        }
        if (delegate.erased()) {
            throw RuleViolation.unprocessable("delegate-erased", "employee " + command.delegateId()
                    + " has been erased and cannot decide anything");
        }
        if (command.from().isAfter(command.to())) {
            throw RuleViolation.invalid("invalid-period", "from " + command.from() + " is after to " + command.to());
        }
        if (command.to().isBefore(today)) {
            throw RuleViolation.unprocessable("delegation-in-the-past", "a delegation ending on " + command.to()
                    + " would never apply");
        }
        if (delegations.containsKey(command.delegationId())) {
            throw RuleViolation.conflict("delegation-exists", "delegation " + command.delegationId() + " exists");
        }
        for (Delegation existing : delegations.values()) {
            if (existing.delegate().equals(command.delegateId()) && existing.overlaps(command.from(), command.to())) {
                throw RuleViolation.conflict("overlapping-delegation", command.delegateId() + " already decides for "
                        + employeeId + " from " + existing.from() + " to " + existing.to());
            }
        }
        apply(new ApprovalsDelegatedEvent(id(), command.delegationId(), command.delegateId(), command.from(),
                command.to()));
    }

    void revoke(RevokeDelegationCommand command) {
        if (!delegations.containsKey(command.delegationId())) {
            throw RuleViolation.notFound("delegation-not-found", "employee " + employeeId + " has no delegation "
                    + command.delegationId() + " (or it was revoked)");
        }
        apply(new DelegationRevokedEvent(id(), command.delegationId()));
    }

    /** Who may decide this manager's reports' requests on {@code day} on the manager's behalf. */
    public Set<EmployeeId> delegatesOn(LocalDate day) {
        return delegations.values().stream().filter(d -> d.covers(day)).map(Delegation::delegate)
                .collect(Collectors.toUnmodifiableSet());
    }

    @EventSourcingHandler
    void on(ApprovalsDelegatedEvent event) {
        delegations.put(event.delegationId(), new Delegation(event.delegateId(), event.from(), event.to()));
    }

    @EventSourcingHandler
    void on(DelegationRevokedEvent event) {
        delegations.remove(event.delegationId());
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
