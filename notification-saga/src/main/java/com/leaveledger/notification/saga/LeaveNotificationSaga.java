package com.leaveledger.notification.saga;

import static com.leaveledger.kernel.employee.Channel.AUDIT;
import static com.leaveledger.kernel.employee.Channel.EMAIL;
import static com.leaveledger.kernel.employee.Channel.PUSH;
import static com.leaveledger.kernel.employee.Channel.SMS;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.notification.delivery.CancelNotificationsCommand;
import com.leaveledger.notification.delivery.CancellationResult;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.leaveledger.notification.delivery.NotificationFailedEvent;
import com.leaveledger.notification.delivery.NotificationKind;
import com.leaveledger.notification.delivery.RecipientRole;
import com.leaveledger.notification.delivery.SendNotificationCommand;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.spring.stereotype.Saga;

/**
 * One saga per leave request decides who is told what, on which channel, and compensates what fails:
 * <ul>
 *   <li>requested → the manager: email + push;</li>
 *   <li>a level of several passed → the next level's approver (the manager, or the HR contact): email + push;</li>
 *   <li>approved / rejected → the employee: email + SMS + push;</li>
 *   <li>approved leave cancelled → employee and manager: email + push; approval notices still undelivered are
 *       cancelled, and if there were any the employee's notice is a retraction;</li>
 *   <li>a pending request withdrawn → the manager: email + push; its undelivered request notices are cancelled;</li>
 *   <li>a request waiting for a decision → after {@code remindAfterWorkingDays} the approver of its level (the
 *       manager, or the HR contact), after {@code escalateAfterWorkingDays} that approver's own manager: email +
 *       push, through deadlines counted in the employee's working days from the submission or the level last passed
 *       ({@link ApprovalReminders}); a level passed restarts them, a decision or cancellation cancels them;</li>
 *   <li>every notification (one event, one recipient) also gets a compliance audit record (AUDIT).</li>
 * </ul>
 * Each channel is one {@link SendNotificationCommand}. SMS and push name email as their fallback: when one fails
 * for good ({@link NotificationFailedEvent}) the saga sends the notice by email instead, unless the notice is moot
 * by then (a request notice once the request was decided). A failure that arrives after the saga ended
 * starts a short-lived saga that only falls back (a rejection or cancellation notice is never moot).
 * <p>
 * The saga keeps only what it decides with (ids, status, the facts the messages show, but no personal data: a
 * decision's note is passed on to its notices and forgotten) and reacts only to the
 * leave-request events and to failures: it ends once the request is rejected or cancelled; for approved leave it
 * waits, since the leave may still be cancelled, until a deadline the day after the leave's first day (Axon's
 * DeadlineManager on db-scheduler, persisted in this service's schema). It never talks to a provider; it reads this
 * service's event store (domain events forwarded by {@link LeaveEventInbox}, delivery outcomes written by the
 * channel handlers).
 */
@Saga
@ProcessingGroup(LeaveNotificationSaga.PROCESSING_GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class LeaveNotificationSaga {

    public static final String PROCESSING_GROUP = "notification-saga";
    static final String ASSOCIATION = "leaveRequestId";

    /**
     * The decision's note (a reason or comment: personal data of the employee). It goes into the notices' details,
     * never into the saga's stored state: a fallback takes it from the delivery it replaces, and an erasure overwrites
     * it there (docs/notifications.md, "Erasure").
     */
    static final String NOTE = "note";

    /** Deadline that ends the saga of approved leave once the leave has started (it can no longer be cancelled). */
    static final String LEAVE_STARTED = "leave-started";

    @JsonIgnore
    private transient CommandGateway commandGateway;
    @JsonIgnore
    private transient DeadlineManager deadlineManager;
    @JsonIgnore
    private transient ApprovalReminders reminders;

    /** Deadline that reminds the approver of the level a request waits at. */
    static final String REMIND = "approval-reminder";
    /** Deadline that escalates a request waiting too long to its approver's own manager. */
    static final String ESCALATE = "approval-escalation";

    private String leaveRequestId;
    private String employeeId;
    private String managerId;
    private LeaveRequestStatus status;
    private Map<String, String> facts = new LinkedHashMap<>();
    /** The reminder and escalation deadlines scheduled, cancelled by id (a lookup, not a scan of all deadlines). */
    private String reminderId;
    private String escalationId;

    public LeaveNotificationSaga() {
    }

    @org.springframework.beans.factory.annotation.Autowired
    public void setCommandGateway(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @org.springframework.beans.factory.annotation.Autowired
    public void setDeadlineManager(DeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    @org.springframework.beans.factory.annotation.Autowired
    public void setApprovalReminders(ApprovalReminders reminders) {
        this.reminders = reminders;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(LeaveRequestedEvent event, @MessageIdentifier String eventId, @Timestamp Instant submittedAt) {
        remember(event.leaveRequestId().value(), event.employeeId().value(),
                event.managerId() == null ? null : event.managerId().value());
        status = LeaveRequestStatus.SUBMITTED;
        facts.put("leaveType", event.leaveType().name());
        facts.put("startDate", event.startDate().toString());
        facts.put("endDate", event.endDate().toString());
        facts.put("workingDays", event.workingDays().toPlainString());
        notify(eventId, NotificationKind.LEAVE_REQUESTED, managerId, RecipientRole.MANAGER, EMAIL, PUSH);
        if (event.approvals() != null && !event.approvals().isEmpty()) {
            awaitDecision(event.approvals().get(0), eventId, submittedAt);
        }
    }

    /**
     * One level of several was passed: the next level's approver is told it is their turn, and the clock starts
     * again for them. The notice's deliveries are named by this event, so a redelivery sends nothing twice.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(LeaveLevelApprovedEvent event, @MessageIdentifier String eventId, @Timestamp Instant passedAt) {
        stopWaiting();
        Approver next = event.nextApprover();
        if (next == null) {
            return;
        }
        facts.put("level", next.name());
        facts.put("levelPassed", String.valueOf(event.level()));
        if (event.approvedBy() != null) {
            facts.put("approvedBy", event.approvedBy().value());
        }
        notify(eventId, NotificationKind.APPROVAL_TURN, reminders.approverOf(next, managerId).orElse(null),
                next == Approver.HR ? RecipientRole.HR : RecipientRole.MANAGER, EMAIL, PUSH);
        facts.remove("levelPassed");
        facts.remove("approvedBy");
        forgetWaitingFacts();
        awaitDecision(next, eventId, passedAt);
    }

    /** The request has waited long enough at its level: its approver is reminded. */
    @DeadlineHandler(deadlineName = REMIND)
    public void remind(ApprovalDeadline deadline) {
        if (status != LeaveRequestStatus.SUBMITTED) {
            return;
        }
        facts.put("level", deadline.level().name());
        facts.put("waitingWorkingDays", String.valueOf(reminders.remindAfterWorkingDays()));
        notify(deadline.waitingSinceEventId() + "|" + REMIND, NotificationKind.APPROVAL_REMINDER,
                deadline.approverId(), deadline.level() == Approver.HR ? RecipientRole.HR : RecipientRole.MANAGER,
                EMAIL, PUSH);
        forgetWaitingFacts();
    }

    /** The request has waited too long: the approver's own manager is told they may now decide it. */
    @DeadlineHandler(deadlineName = ESCALATE)
    public void escalate(ApprovalDeadline deadline) {
        if (status != LeaveRequestStatus.SUBMITTED) {
            return;
        }
        String approversManager = reminders.managerOf(deadline.approverId()).orElse(null);
        facts.put("level", deadline.level().name());
        facts.put("approverId", deadline.approverId());
        facts.put("waitingWorkingDays", String.valueOf(reminders.escalateAfterWorkingDays()));
        notify(deadline.waitingSinceEventId() + "|" + ESCALATE, NotificationKind.APPROVAL_ESCALATED,
                approversManager, RecipientRole.APPROVERS_MANAGER, EMAIL, PUSH);
        forgetWaitingFacts();
    }

    /**
     * Schedules the reminder and the escalation of the level the request now waits at. Only a deadline still to come
     * is scheduled: an event read again long after it happened (a lost token, a long outage) reminds nobody, and one
     * read again in time schedules deadlines whose deliveries exist already when the first ones fired (same source,
     * channel and recipient: nothing is sent twice).
     */
    private void awaitDecision(Approver level, String sinceEventId, Instant since) {
        String approverId = reminders.approverOf(level, managerId).orElse(null);
        if (approverId == null || since == null) {
            return;
        }
        ApprovalDeadline deadline = new ApprovalDeadline(sinceEventId, level, approverId);
        Instant remindAt = reminders.remindAt(employeeId, since);
        Instant escalateAt = reminders.escalateAt(employeeId, since);
        if (reminders.ahead(remindAt)) {
            reminderId = deadlineManager.schedule(remindAt, REMIND, deadline);
        }
        if (reminders.ahead(escalateAt)) {
            escalationId = deadlineManager.schedule(escalateAt, ESCALATE, deadline);
        }
    }

    private void stopWaiting() {
        if (reminderId != null) {
            deadlineManager.cancelSchedule(REMIND, reminderId);
            reminderId = null;
        }
        if (escalationId != null) {
            deadlineManager.cancelSchedule(ESCALATE, escalationId);
            escalationId = null;
        }
    }

    private void forgetWaitingFacts() {
        facts.remove("level");
        facts.remove("approverId");
        facts.remove("waitingWorkingDays");
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(LeaveApprovedEvent event, @MessageIdentifier String eventId) {
        decided(eventId, event.leaveRequestId(), event.employeeId(), LeaveRequestStatus.APPROVED, event.approvedBy(),
                event.comment(), NotificationKind.LEAVE_APPROVED);
        String startDate = facts.get("startDate");
        if (startDate != null) {
            // The day after the first day of leave, in UTC: by then approved leave has started in every time zone
            // and the ledger refuses its cancellation, so no event this saga waits for can come any more.
            deadlineManager.schedule(LocalDate.parse(startDate).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    LEAVE_STARTED);
        }
    }

    /** Approved leave has started: it cannot be cancelled any more, so nothing is left to notify. */
    @DeadlineHandler(deadlineName = LEAVE_STARTED)
    public void leaveStarted() {
        SagaLifecycle.end();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(LeaveRejectedEvent event, @MessageIdentifier String eventId) {
        decided(eventId, event.leaveRequestId(), event.employeeId(), LeaveRequestStatus.REJECTED, event.rejectedBy(),
                event.reason(), NotificationKind.LEAVE_REJECTED);
        SagaLifecycle.end();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(LeaveCancelledEvent event, @MessageIdentifier String eventId) {
        remember(event.leaveRequestId().value(), event.employeeId().value(), managerId);
        LeaveRequestStatus previous = event.previousStatus() == null ? status : event.previousStatus();
        status = LeaveRequestStatus.CANCELLED;
        stopWaiting();
        facts.put(NOTE, event.reason() == null ? "" : event.reason());
        if (previous == LeaveRequestStatus.APPROVED) {
            boolean retract = cancelUndelivered(NotificationKind.LEAVE_APPROVED, "leave cancelled");
            notify(eventId, retract ? NotificationKind.APPROVAL_RETRACTED : NotificationKind.LEAVE_CANCELLED,
                    employeeId, RecipientRole.EMPLOYEE, EMAIL, PUSH);
            notify(eventId, NotificationKind.LEAVE_CANCELLED, managerId, RecipientRole.MANAGER, EMAIL, PUSH);
        } else if (previous == LeaveRequestStatus.SUBMITTED) {
            cancelUndelivered(NotificationKind.LEAVE_REQUESTED, "request withdrawn");
            notify(eventId, NotificationKind.REQUEST_WITHDRAWN, managerId, RecipientRole.MANAGER, EMAIL, PUSH);
        }
        facts.remove(NOTE);
        SagaLifecycle.end();
    }

    /** Compensation: a channel failed for good; send the notice on its fallback channel unless it is moot. */
    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    public void on(NotificationFailedEvent event, @MessageIdentifier String eventId) {
        if (leaveRequestId == null) {
            leaveRequestId = event.leaveRequestId();
        }
        if (event.fallbackChannel() != null && !moot(event.kind())) {
            Map<String, String> details = details(event.kind());
            details.put("fallbackFrom", event.channel().name());
            dispatch(eventId, event.kind(), event.recipientId(), event.recipientRole(), event.fallbackChannel(), null,
                    event.deliveryId(), details);
        }
        if (status == null || status == LeaveRequestStatus.REJECTED || status == LeaveRequestStatus.CANCELLED) {
            SagaLifecycle.end();
        }
    }

    private void remember(String leaveRequestId, String employeeId, String managerId) {
        this.leaveRequestId = leaveRequestId;
        this.employeeId = employeeId;
        this.managerId = managerId;
    }

    /**
     * Either decision: the request waits for nobody any more, and its employee is told who decided and why (the note
     * is kept only for that notice).
     */
    private void decided(String eventId, LeaveRequestId request, EmployeeId employee, LeaveRequestStatus decision,
                         EmployeeId decidedBy, String note, NotificationKind kind) {
        remember(request.value(), employee.value(), managerId);
        status = decision;
        stopWaiting();
        if (decidedBy != null) {
            facts.put("decidedBy", decidedBy.value());
        }
        facts.put(NOTE, note == null ? "" : note);
        notify(eventId, kind, employeeId, RecipientRole.EMPLOYEE, EMAIL, SMS, PUSH);
        facts.remove(NOTE);
    }

    /**
     * A notice nobody needs any more: a request notice once the request was decided. (Approval notices still open
     * when the leave is cancelled are cancelled, so they cannot fail afterwards; one that failed before gets its
     * fallback, followed by the cancellation notice.)
     */
    private boolean moot(NotificationKind kind) {
        return kind == NotificationKind.LEAVE_REQUESTED && status != null && status != LeaveRequestStatus.SUBMITTED;
    }

    private void notify(String eventId, NotificationKind kind, String recipientId, RecipientRole role,
                        Channel... channels) {
        if (recipientId == null) {
            return;
        }
        Map<String, String> details = details(kind);
        List<Channel> sent = new ArrayList<>();
        for (Channel channel : channels) {
            Channel fallback = channel == SMS || channel == PUSH ? EMAIL : null;
            dispatch(eventId, kind, recipientId, role, channel, fallback, null, details);
            sent.add(channel);
        }
        Map<String, String> auditDetails = new LinkedHashMap<>(details);
        auditDetails.put("channels", sent.stream().map(Enum::name).collect(Collectors.joining(",")));
        dispatch(eventId, kind, recipientId, role, AUDIT, null, null, auditDetails);
    }

    private void dispatch(String sourceEventId, NotificationKind kind, String recipientId, RecipientRole role,
                          Channel channel, Channel fallback, UUID fallbackFor, Map<String, String> details) {
        commandGateway.sendAndWait(new SendNotificationCommand(DeliveryIds.of(sourceEventId, channel, recipientId),
                sourceEventId, channel, recipientId, role, kind, leaveRequestId, employeeId, managerId, fallback,
                fallbackFor, details));
    }

    /** Cancels the notices of that kind not delivered yet; true if there were any. */
    private boolean cancelUndelivered(NotificationKind kind, String reason) {
        CancellationResult result = commandGateway.sendAndWait(
                new CancelNotificationsCommand(leaveRequestId, kind, reason));
        return result != null && result.anyCancelled();
    }

    private Map<String, String> details(NotificationKind kind) {
        Map<String, String> details = new LinkedHashMap<>(facts);
        if (employeeId != null) {
            details.put("employeeId", employeeId);
        }
        details.put("kind", kind.name());
        return details;
    }
}
