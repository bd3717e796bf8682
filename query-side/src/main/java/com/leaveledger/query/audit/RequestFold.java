package com.leaveledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leave requests folded from their own events (aggregate LeaveRequest) in sequence order, with the leave-request
 * projection's rules: a request starts SUBMITTED awaiting its first approval level; a level approved before the last
 * is recorded among the levels passed and the request awaits the next; an approval (which passes the last level) or
 * a rejection sets the status and who decided, on whose behalf, when and why; a cancellation sets the status and who
 * cancelled, when and why, keeping the decision. The projection writes
 * its rows with SQL, so its rules are restated here rather than shared; {@code RequestFoldTest} and
 * {@code AuditIT} hold the two to the same answers. Event types it does not know, and events of a request whose
 * submission it has not seen, are skipped.
 */
public final class RequestFold {

    private final Map<String, Request> requests = new LinkedHashMap<>();
    private long applied;

    /** Applies one event of a request: its simple type name, request id, timestamp and payload. */
    public void apply(String eventType, String leaveRequestId, Instant occurredAt, JsonNode payload) {
        if ("LeaveRequestedEvent".equals(eventType)) {
            requests.putIfAbsent(leaveRequestId, submitted(leaveRequestId, occurredAt, payload));
            applied++;
            return;
        }
        Request request = requests.get(leaveRequestId);
        if (request == null) {
            return;
        }
        switch (eventType) {
            case "LeaveLevelApprovedEvent" -> {
                request.pass(occurredAt, text(payload, "approvedBy"), text(payload, "onBehalfOf"));
                request.awaiting = text(payload, "nextApprover");
            }
            case "LeaveApprovedEvent" -> {
                request.pass(occurredAt, text(payload, "approvedBy"), text(payload, "onBehalfOf"));
                request.decide(LeaveRequestStatus.APPROVED, occurredAt, text(payload, "approvedBy"),
                        text(payload, "comment"), text(payload, "onBehalfOf"));
            }
            case "LeaveRejectedEvent" -> request.decide(LeaveRequestStatus.REJECTED, occurredAt,
                    text(payload, "rejectedBy"), text(payload, "reason"), text(payload, "onBehalfOf"));
            case "LeaveCancelledEvent" -> {
                request.awaiting = null;
                request.status = LeaveRequestStatus.CANCELLED;
                request.cancelledAt = occurredAt;
                request.cancelledBy = text(payload, "cancelledBy");
                request.cancelReason = text(payload, "reason");
            }
            default -> {
                return;
            }
        }
        request.updatedAt = occurredAt;
        applied++;
    }

    public long applied() {
        return applied;
    }

    public Optional<RequestState> request(String leaveRequestId) {
        return Optional.ofNullable(requests.get(leaveRequestId)).map(Request::state);
    }

    /** Every request folded, latest period first (as the employee's list of the read model). */
    public List<RequestState> requests() {
        List<RequestState> states = new ArrayList<>();
        for (Request request : requests.values()) {
            states.add(request.state());
        }
        states.sort(Comparator.comparing(RequestState::startDate, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(RequestState::leaveRequestId));
        return states;
    }

    private static Request submitted(String id, Instant at, JsonNode payload) {
        Request request = new Request(id);
        request.employeeId = text(payload, "employeeId");
        request.managerId = text(payload, "managerId");
        request.leaveType = text(payload, "leaveType");
        request.startDate = date(payload, "startDate");
        request.endDate = date(payload, "endDate");
        request.halfDayStart = payload.path("halfDayStart").asBoolean(false);
        request.halfDayEnd = payload.path("halfDayEnd").asBoolean(false);
        request.workingDays = AuditQueries.decimal(payload.path("workingDays"));
        request.reason = text(payload, "reason");
        if (payload.has("approvals")) {
            payload.path("approvals").forEach(level -> request.approvals.add(level.asText()));
        } else if (!"SICK".equals(request.leaveType)) {
            request.approvals.add("MANAGER"); // revision 1, as LeaveRequestedEventUpcaster reads it
        }
        request.awaiting = request.approvals.isEmpty() ? null : request.approvals.get(0);
        request.submittedAt = at;
        request.updatedAt = at;
        return request;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static LocalDate date(JsonNode payload, String field) {
        String value = text(payload, field);
        return value == null ? null : LocalDate.parse(value);
    }

    /** A request as it stood: the fields of the read model's row, from the events up to the instant. */
    public record RequestState(String leaveRequestId, String employeeId, String managerId, String leaveType,
                               LeaveRequestStatus status, LocalDate startDate, LocalDate endDate,
                               boolean halfDayStart, boolean halfDayEnd, BigDecimal workingDays, String reason,
                               Instant submittedAt, Instant decidedAt, String decidedBy, String decisionNote,
                               Instant cancelledAt, String cancelledBy, String cancelReason, Instant updatedAt,
                               List<String> approvals, String awaiting, List<PassedLevel> levelsPassed,
                               String decidedOnBehalfOf) {
    }

    /**
     * One approval level passed, as the read model shows it, with {@code summary} for the timeline: "level 1
     * (MANAGER) approved by d-1 on behalf of m-1".
     */
    public record PassedLevel(int level, String approvedAs, String approvedBy, String onBehalfOf, Instant at,
                              String summary) {
    }

    private static final class Request {

        private final String id;
        private String employeeId;
        private String managerId;
        private String leaveType;
        private LeaveRequestStatus status = LeaveRequestStatus.SUBMITTED;
        private LocalDate startDate;
        private LocalDate endDate;
        private boolean halfDayStart;
        private boolean halfDayEnd;
        private BigDecimal workingDays;
        private String reason;
        private Instant submittedAt;
        private Instant decidedAt;
        private String decidedBy;
        private String decisionNote;
        private Instant cancelledAt;
        private String cancelledBy;
        private String cancelReason;
        private Instant updatedAt;
        private final List<String> approvals = new ArrayList<>();
        private String awaiting;
        private final List<PassedLevel> levels = new ArrayList<>();
        private String decidedOnBehalfOf;

        private Request(String id) {
            this.id = id;
        }

        private void pass(Instant at, String by, String onBehalfOf) {
            if (awaiting == null) {
                return;
            }
            int level = levels.size() + 1;
            levels.add(new PassedLevel(level, awaiting, by, onBehalfOf, at, "level " + level + " (" + awaiting
                    + ") approved by " + by + (onBehalfOf == null ? "" : " on behalf of " + onBehalfOf)));
        }

        private void decide(LeaveRequestStatus decided, Instant at, String by, String note, String onBehalfOf) {
            awaiting = null;
            decidedOnBehalfOf = onBehalfOf;
            status = decided;
            decidedAt = at;
            decidedBy = by;
            decisionNote = note;
        }

        private RequestState state() {
            return new RequestState(id, employeeId, managerId, leaveType, status, startDate, endDate, halfDayStart,
                    halfDayEnd, workingDays, reason, submittedAt, decidedAt, decidedBy, decisionNote, cancelledAt,
                    cancelledBy, cancelReason, updatedAt, List.copyOf(approvals), awaiting, List.copyOf(levels),
                    decidedOnBehalfOf);
        }
    }
}
