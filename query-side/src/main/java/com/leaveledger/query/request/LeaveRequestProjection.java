package com.leaveledger.query.request;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.ApprovalsDelegatedEvent;
import com.leaveledger.kernel.employee.DelegationRevokedEvent;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.query.projection.LedgerMessage;
import com.leaveledger.query.projection.ProjectionWriter;
import com.leaveledger.query.projection.ProjectionWriter.Statement;
import com.leaveledger.query.projection.TableNames;
import java.util.List;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;

/**
 * One row per leave request (status, period, working days, the approval levels it awaits and those it passed,
 * decision) and its history summary, and the managers' delegations of their approvals. Serves the request by id, an
 * employee's requests, the pending approvals of a manager (with their delegators') and of HR, and the team calendar.
 */
@ProcessingGroup(LeaveRequestProjection.NAME)
public class LeaveRequestProjection {

    public static final String NAME = "leave-requests";
    public static final List<String> TABLES = List.of("leave_request", "leave_request_event", "approval_delegation");

    private final ProjectionWriter writer;
    private final Statement insertRequest;
    private final Statement updateRequest;
    private final Statement insertHistory;
    private final Statement eraseRequests;
    private final Statement eraseHistory;
    private final Statement passLevel;
    private final Statement decide;
    private final Statement insertDelegation;
    private final Statement revokeDelegation;

    public LeaveRequestProjection(ProjectionWriter writer, TableNames tables) {
        this.writer = writer;
        String requests = tables.of("leave_request");
        this.insertRequest = writer.multiRowInsert("insert into " + requests + " (leave_request_id, employee_id, "
                + "manager_id, leave_type, status, start_date, end_date, half_day_start, half_day_end, working_days, "
                + "shares, reason, submitted_at, updated_at, last_seq, approvals, awaiting) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?) "
                + "on conflict (leave_request_id) do nothing");
        // A decision passes (or fails) the level the request awaited: an approval records it among the levels passed.
        // Declared before updateRequest, which clears awaiting and advances last_seq.
        String levelPassed = "levels || jsonb_build_array(jsonb_build_object('level', jsonb_array_length(levels) + 1, "
                + "'approvedAs', awaiting, 'approvedBy', ?::text, 'onBehalfOf', ?::text, 'at', ?::text))";
        this.passLevel = writer.statement("update " + requests + " set levels = " + levelPassed + ", awaiting = ?, "
                + "updated_at = ?, last_seq = ? where leave_request_id = ? and last_seq < ?");
        this.decide = writer.statement("update " + requests + " set levels = case when ? and awaiting is not null "
                + "then " + levelPassed + " else levels end, decided_on_behalf_of = ? "
                + "where leave_request_id = ? and last_seq < ?");
        String delegations = tables.of("approval_delegation");
        this.insertDelegation = writer.statement("insert into " + delegations + " (delegation_id, manager_id, "
                + "delegate_id, valid_from, valid_to, last_seq) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (delegation_id) do nothing");
        this.revokeDelegation = writer.statement("update " + delegations + " set revoked_at = ?, last_seq = ? "
                + "where delegation_id = ? and last_seq < ?");
        this.updateRequest = writer.statement("update " + requests + " set status = ?, "
                + "decided_at = coalesce(?, decided_at), decided_by = coalesce(?, decided_by), "
                + "decision_note = coalesce(?, decision_note), cancelled_at = coalesce(?, cancelled_at), "
                + "cancelled_by = coalesce(?, cancelled_by), cancel_reason = coalesce(?, cancel_reason), "
                + "awaiting = null, updated_at = ?, last_seq = ? where leave_request_id = ? and last_seq < ?");
        this.insertHistory = writer.multiRowInsert("insert into " + tables.of("leave_request_event") + " (event_id, "
                + "leave_request_id, seq, event_type, occurred_at, actor, status, note) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (event_id) do nothing");
        // Declared last: statements run in declaration order at commit, so they also blank rows written in the batch.
        this.eraseHistory = writer.statement("update " + tables.of("leave_request_event") + " set note = ? "
                + "where note is not null and leave_request_id in (select leave_request_id from " + requests
                + " where employee_id = ?)");
        this.eraseRequests = writer.statement("update " + requests + " set reason = case when reason is null then "
                + "null else ? end, decision_note = case when decision_note is null then null else ? end, "
                + "cancel_reason = case when cancel_reason is null then null else ? end where employee_id = ?");
    }

    /** An erased employee's reasons and the comments on their requests are blanked. */
    @EventHandler
    void on(SubjectErasedEvent event) {
        String erased = PersonalDataCipher.ERASED;
        writer.apply(eraseHistory.with(erased, event.employeeId().value()),
                eraseRequests.with(erased, erased, erased, event.employeeId().value()));
    }

    @EventHandler
    void on(LeaveRequestedEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        String id = event.leaveRequestId().value();
        Objects.requireNonNull(event.leaveType(), "leaveType");
        Objects.requireNonNull(event.startDate(), "startDate");
        Objects.requireNonNull(event.endDate(), "endDate");
        Objects.requireNonNull(event.workingDays(), "workingDays");
        writer.apply(
                insertRequest.with(id, event.employeeId().value(), value(event.managerId()), event.leaveType(),
                        LeaveRequestStatus.SUBMITTED, event.startDate(), event.endDate(), event.halfDayStart(),
                        event.halfDayEnd(), event.workingDays(), sharesJson(event.shares()), event.reason(),
                        envelope.timestamp(), envelope.timestamp(), envelope.sequenceNumber(),
                        approvalsJson(event.approvals()), event.approvals().isEmpty() ? null : event.approvals().get(0)),
                history(envelope, id, "LeaveRequested", LeaveRequestStatus.SUBMITTED, event.reason()));
    }

    @EventHandler
    void on(LeaveLevelApprovedEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        String id = event.leaveRequestId().value();
        writer.apply(
                passLevel.with(value(event.approvedBy()), value(event.onBehalfOf()), envelope.timestamp().toString(),
                        event.nextApprover(), envelope.timestamp(), envelope.sequenceNumber(), id,
                        envelope.sequenceNumber()),
                history(envelope, id, "LeaveLevelApproved", LeaveRequestStatus.SUBMITTED, event.comment()));
    }

    @EventHandler
    void on(ApprovalsDelegatedEvent event, EventMessage<?> message) {
        writer.apply(insertDelegation.with(event.delegationId(), event.employeeId().value(),
                event.delegateId().value(), event.from(), event.to(), LedgerMessage.of(message).sequenceNumber()));
    }

    @EventHandler
    void on(DelegationRevokedEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        writer.apply(revokeDelegation.with(envelope.timestamp(), envelope.sequenceNumber(), event.delegationId(),
                envelope.sequenceNumber()));
    }

    @EventHandler
    void on(LeaveApprovedEvent event, EventMessage<?> message) {
        decided(message, event.leaveRequestId(), "LeaveApproved", LeaveRequestStatus.APPROVED, event.approvedBy(),
                event.onBehalfOf(), event.comment());
    }

    @EventHandler
    void on(LeaveRejectedEvent event, EventMessage<?> message) {
        decided(message, event.leaveRequestId(), "LeaveRejected", LeaveRequestStatus.REJECTED, event.rejectedBy(),
                event.onBehalfOf(), event.reason());
    }

    @EventHandler
    void on(LeaveCancelledEvent event, EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        String id = event.leaveRequestId().value();
        writer.apply(
                update(envelope, id, LeaveRequestStatus.CANCELLED, null, null, value(event.cancelledBy()),
                        event.reason()),
                history(envelope, id, "LeaveCancelled", LeaveRequestStatus.CANCELLED, event.reason()));
    }

    /**
     * An approval passes the level the request awaited (a rejection's level-passed values are not used); either
     * decision closes the request and is written in its history.
     */
    private void decided(EventMessage<?> message, LeaveRequestId requestId, String type, LeaveRequestStatus decision,
                         EmployeeId by, EmployeeId onBehalfOf, String note) {
        LedgerMessage envelope = LedgerMessage.of(message);
        String id = requestId.value();
        writer.apply(
                decide.with(decision == LeaveRequestStatus.APPROVED, value(by), value(onBehalfOf),
                        envelope.timestamp().toString(), value(onBehalfOf), id, envelope.sequenceNumber()),
                update(envelope, id, decision, value(by), note, null, null),
                history(envelope, id, type, decision, note));
    }

    private ProjectionWriter.Write update(LedgerMessage envelope, String id, LeaveRequestStatus status,
                                          String decidedBy, String decisionNote, String cancelledBy,
                                          String cancelReason) {
        boolean decision = status == LeaveRequestStatus.APPROVED || status == LeaveRequestStatus.REJECTED;
        boolean cancellation = status == LeaveRequestStatus.CANCELLED;
        return updateRequest.with(status, decision ? envelope.timestamp() : null, decidedBy, decisionNote,
                cancellation ? envelope.timestamp() : null, cancelledBy, cancelReason, envelope.timestamp(),
                envelope.sequenceNumber(), id, envelope.sequenceNumber());
    }

    private ProjectionWriter.Write history(LedgerMessage envelope, String id, String type, LeaveRequestStatus status,
                                           String note) {
        return insertHistory.with(envelope.eventId(), id, envelope.sequenceNumber(), type, envelope.timestamp(),
                envelope.actor(), status, note);
    }

    private static String value(EmployeeId id) {
        return id == null ? null : id.value();
    }

    private static String approvalsJson(List<Approver> approvals) {
        StringBuilder json = new StringBuilder("[");
        for (Approver approver : approvals) {
            json.append(json.length() > 1 ? "," : "").append('"').append(approver.name()).append('"');
        }
        return json.append(']').toString();
    }

    private static String sharesJson(List<YearShare> shares) {
        StringBuilder json = new StringBuilder("[");
        if (shares != null) {
            for (YearShare share : shares) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append("{\"year\":").append(share.year()).append(",\"days\":")
                        .append(share.days().toPlainString()).append('}');
            }
        }
        return json.append(']').toString();
    }
}
