package com.leaveledger.command.leaverequest;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.command.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One leave request: SUBMITTED → APPROVED | REJECTED, and SUBMITTED or APPROVED → CANCELLED. */
@Aggregate(cache = "leaveRequestCache")
public class LeaveRequest {

    /** Actor of decisions nobody had to take (leave types that need no approval). */
    public static final EmployeeId SYSTEM = new EmployeeId("system");

    @AggregateIdentifier
    private String leaveRequestId;
    private EmployeeId employeeId;
    private LeaveType leaveType;
    private LocalDate startDate;
    private List<YearShare> shares;
    private LeaveRequestStatus status;

    protected LeaveRequest() {
    }

    LeaveRequest(LeaveRequestedEvent requested) {
        apply(requested);
    }

    void approve(EmployeeId approver, Optional<EmployeeId> manager, String comment) {
        requirePending("approve");
        requireManager(approver, manager, "approve");
        apply(new LeaveApprovedEvent(id(), employeeId, approver, comment));
    }

    void approveAutomatically() {
        requirePending("approve");
        apply(new LeaveApprovedEvent(id(), employeeId, SYSTEM, leaveType + " leave needs no approval"));
    }

    void reject(EmployeeId rejector, Optional<EmployeeId> manager, String reason) {
        requirePending("reject");
        requireManager(rejector, manager, "reject");
        apply(new LeaveRejectedEvent(id(), employeeId, rejector, reason));
    }

    void cancel(EmployeeId actor, String reason, LocalDate today) {
        if (!actor.equals(employeeId)) {
            throw RuleViolation.forbidden("not-the-owner", "only " + employeeId + " may cancel their leave request");
        }
        if (status != LeaveRequestStatus.SUBMITTED && status != LeaveRequestStatus.APPROVED) {
            throw RuleViolation.conflict("request-not-cancellable", "a " + status + " request cannot be cancelled");
        }
        if (status == LeaveRequestStatus.APPROVED && !startDate.isAfter(today)) {
            throw RuleViolation.unprocessable("leave-already-started",
                    "approved leave that started on " + startDate + " can no longer be cancelled");
        }
        apply(new LeaveCancelledEvent(id(), employeeId, actor, status, reason));
    }

    private void requirePending(String action) {
        if (status != LeaveRequestStatus.SUBMITTED) {
            throw RuleViolation.conflict("request-not-pending",
                    "cannot " + action + " a request that is " + status);
        }
    }

    private void requireManager(EmployeeId actor, Optional<EmployeeId> manager, String action) {
        if (actor.equals(employeeId)) {
            throw RuleViolation.forbidden("own-request", "nobody may " + action + " their own leave request");
        }
        if (manager.isEmpty() || !manager.get().equals(actor)) {
            throw RuleViolation.forbidden("not-the-manager",
                    "only the manager of " + employeeId + " may " + action + " this request");
        }
    }

    @EventSourcingHandler
    void on(LeaveRequestedEvent e) {
        leaveRequestId = e.leaveRequestId().value();
        employeeId = e.employeeId();
        leaveType = e.leaveType();
        startDate = e.startDate();
        shares = List.copyOf(e.shares());
        status = LeaveRequestStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(LeaveApprovedEvent e) {
        status = LeaveRequestStatus.APPROVED;
    }

    @EventSourcingHandler
    void on(LeaveRejectedEvent e) {
        status = LeaveRequestStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(LeaveCancelledEvent e) {
        status = LeaveRequestStatus.CANCELLED;
    }

    LeaveRequestId id() {
        return new LeaveRequestId(leaveRequestId);
    }

    EmployeeId employeeId() {
        return employeeId;
    }

    LeaveType leaveType() {
        return leaveType;
    }

    List<YearShare> shares() {
        return shares;
    }

    LeaveRequestStatus status() {
        return status;
    }
}
