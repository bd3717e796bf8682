package com.leaveledger.command.leaverequest;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One leave request: SUBMITTED → APPROVED | REJECTED, and SUBMITTED or APPROVED → CANCELLED. A submitted request
 * awaits its approval levels in order (docs/leave-policies.md): each level but the last passed is a
 * {@link LeaveLevelApprovedEvent}, the last a {@link LeaveApprovedEvent}; a rejection at any level ends it.
 */
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
    private List<Approver> approvals;
    private int levelsPassed;
    private EmployeeId lastApprover;
    private Instant awaitingSince;

    protected LeaveRequest() {
    }

    LeaveRequest(LeaveRequestedEvent requested) {
        apply(requested);
    }

    /**
     * Approves the level the request awaits: a manager level by whoever {@code managerLevel} lets decide, an HR level
     * by a holder of the HR role; never by the employee, and never two levels by the same person.
     */
    void approve(EmployeeId approver, boolean approverHasHr, ManagerLevel managerLevel, String comment) {
        requirePending("approve");
        Approver awaited = awaited().orElseThrow();
        EmployeeId onBehalfOf = requireApprover(approver, approverHasHr, managerLevel, "approve");
        int level = levelsPassed + 1;
        if (level < approvals.size()) {
            apply(new LeaveLevelApprovedEvent(id(), employeeId, level, awaited, approver, onBehalfOf, comment,
                    approvals.get(level)));
        } else {
            apply(new LeaveApprovedEvent(id(), employeeId, approver, comment, onBehalfOf));
        }
    }

    void approveAutomatically() {
        requirePending("approve");
        apply(new LeaveApprovedEvent(id(), employeeId, SYSTEM, leaveType + " leave needs no approval"));
    }

    /** Rejects the request at the level it awaits, decided as {@link #approve} would be. */
    void reject(EmployeeId rejector, boolean rejectorHasHr, ManagerLevel managerLevel, String reason) {
        requirePending("reject");
        EmployeeId onBehalfOf = requireApprover(rejector, rejectorHasHr, managerLevel, "reject");
        apply(new LeaveRejectedEvent(id(), employeeId, rejector, reason, onBehalfOf));
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

    /** Refuses an actor who may not decide the awaited level; the manager they stand in for, or null. */
    private EmployeeId requireApprover(EmployeeId actor, boolean actorHasHr, ManagerLevel managerLevel,
                                       String action) {
        if (actor.equals(employeeId)) {
            throw RuleViolation.forbidden("own-request", "nobody may " + action + " their own leave request");
        }
        Approver awaited = awaited().orElseThrow();
        if (awaited == Approver.HR) {
            if (!actorHasHr) {
                throw RuleViolation.forbidden("not-the-approver", "this request awaits HR: only HR may " + action
                        + " it now");
            }
        } else if (!managerLevel.mayDecide(actor)) {
            throw RuleViolation.forbidden("not-the-manager", "only the manager of " + employeeId
                    + " (or a colleague they delegated to, or their own manager once the request is escalated) may "
                    + action + " this request");
        }
        if (actor.equals(lastApprover)) {
            throw RuleViolation.forbidden("already-approved-by-you", actor + " approved the previous level: "
                    + "level " + (levelsPassed + 1) + " needs somebody else");
        }
        return awaited == Approver.MANAGER ? managerLevel.onBehalfOf(actor) : null;
    }

    /** The approver the pending request awaits; empty when it is no longer pending or needs no approval. */
    Optional<Approver> awaited() {
        return status == LeaveRequestStatus.SUBMITTED && levelsPassed < approvals.size()
                ? Optional.of(approvals.get(levelsPassed)) : Optional.empty();
    }

    /** When the request started waiting for its current level: its submission, or the last level passed. */
    Instant awaitingSince() {
        return awaitingSince;
    }

    @EventSourcingHandler
    void on(LeaveRequestedEvent e, @Timestamp Instant at) {
        leaveRequestId = e.leaveRequestId().value();
        employeeId = e.employeeId();
        leaveType = e.leaveType();
        startDate = e.startDate();
        shares = List.copyOf(e.shares());
        status = LeaveRequestStatus.SUBMITTED;
        approvals = List.copyOf(e.approvals());
        levelsPassed = 0;
        awaitingSince = at;
    }

    @EventSourcingHandler
    void on(LeaveLevelApprovedEvent e, @Timestamp Instant at) {
        levelsPassed = e.level();
        lastApprover = e.approvedBy();
        awaitingSince = at;
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
