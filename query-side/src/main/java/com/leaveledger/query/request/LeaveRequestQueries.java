package com.leaveledger.query.request;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the leave-request read model (projection "leave-requests"). */
public class LeaveRequestQueries {

    private static final String SUMMARY_COLUMNS = "r.leave_request_id, r.employee_id, e.name as employee_name, "
            + "r.manager_id, r.leave_type, r.status, r.start_date, r.end_date, r.half_day_start, r.half_day_end, "
            + "r.working_days, r.submitted_at, r.updated_at";
    private static final TypeReference<List<YearShare>> SHARES = new TypeReference<>() {
    };

    private static final String PENDING_BALANCES = ", r.approvals, r.awaiting, r.levels, (select json_agg(json_build_object('year', b.year, "
            + "'granted', b.granted, 'carried', b.carried, 'adjusted', b.adjusted, 'deducted', b.deducted, "
            + "'reserved', b.reserved) order by b.year) from leave_balance b where b.employee_id = r.employee_id "
            + "and b.leave_type = r.leave_type and b.year between extract(year from r.start_date) "
            + "and extract(year from r.end_date)) as balances";
    private static final TypeReference<List<AccountRow>> ACCOUNTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> APPROVALS = new TypeReference<>() {
    };
    private static final TypeReference<List<LevelPassed>> LEVELS = new TypeReference<>() {
    };
    /** Managers who delegated their approvals to the caller for today (delegate, today). */
    private static final String DELEGATORS = "select d.manager_id from approval_delegation d where d.delegate_id = ? "
            + "and d.revoked_at is null and ? between d.valid_from and d.valid_to";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final Escalations escalations;

    public LeaveRequestQueries(JdbcTemplate jdbc, ObjectMapper json, Escalations escalations) {
        this.jdbc = jdbc;
        this.json = json;
        this.escalations = escalations;
    }

    public Optional<LeaveRequestView> find(String id) {
        List<LeaveRequestView> found = jdbc.query("select * from leave_request where leave_request_id = ?",
                (rs, row) -> new LeaveRequestView(rs.getString("leave_request_id"), rs.getString("employee_id"),
                        rs.getString("manager_id"), rs.getString("leave_type"), rs.getString("status"),
                        rs.getObject("start_date", LocalDate.class), rs.getObject("end_date", LocalDate.class),
                        rs.getBoolean("half_day_start"), rs.getBoolean("half_day_end"),
                        rs.getBigDecimal("working_days"), shares(rs.getString("shares")), rs.getString("reason"),
                        instant(rs, "submitted_at"), instant(rs, "decided_at"), rs.getString("decided_by"),
                        rs.getString("decision_note"), instant(rs, "cancelled_at"), rs.getString("cancelled_by"),
                        rs.getString("cancel_reason"), instant(rs, "updated_at"),
                        read(rs.getString("approvals"), APPROVALS), rs.getString("awaiting"),
                        read(rs.getString("levels"), LEVELS), rs.getString("decided_on_behalf_of"), new ArrayList<>()),
                id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        LeaveRequestView view = found.get(0);
        view.history().addAll(jdbc.query("select event_type, occurred_at, actor, status, note "
                        + "from leave_request_event where leave_request_id = ? order by seq",
                (rs, row) -> new HistoryEntry(rs.getString("event_type"), instant(rs, "occurred_at"),
                        rs.getString("actor"), rs.getString("status"), rs.getString("note")), id));
        return Optional.of(view);
    }

    public PageResult<LeaveRequestSummary> forEmployee(String employeeId, LeaveRequestStatus status, PageRequest page) {
        String filter = "r.employee_id = ?" + (status == null ? "" : " and r.status = ?");
        Object[] args = status == null ? new Object[] {employeeId} : new Object[] {employeeId, status.name()};
        return page("from leave_request r left join employee e on e.employee_id = r.employee_id where " + filter,
                "r.start_date desc, r.leave_request_id", args, page);
    }

    /**
     * Requests waiting for this manager's decision at a MANAGER level, oldest first: their reports', those of the
     * managers who delegated to them for today, and those escalated to them ({@link Escalations}, marked with the
     * manager they were escalated from). Each with its employee's balances of the request's leave type for each year
     * it touches (a subquery of the same statement): a page is the escalation candidates' read, a count and one read.
     */
    public PageResult<PendingApproval> pendingFor(String managerId, PageRequest page) {
        Map<String, String> escalated = escalations.to(managerId);
        return page(PENDING_BALANCES, "from leave_request r left join employee e on e.employee_id = r.employee_id "
                        + "where r.status = 'SUBMITTED' and r.awaiting = 'MANAGER' and r.employee_id <> ? "
                        + "and (r.manager_id = ? or r.manager_id in (" + DELEGATORS + ") "
                        + "or r.leave_request_id = any(?))",
                "r.submitted_at, r.leave_request_id", new Object[] {managerId, managerId, managerId,
                        escalations.today(), escalated.keySet().toArray(String[]::new)}, page,
                rs -> pendingApproval(rs, escalated.get(rs.getString("leave_request_id"))));
    }

    /** Requests waiting at an HR level, oldest first, but the caller's own; with balances like {@link #pendingFor}. */
    public PageResult<PendingApproval> pendingForHr(String callerId, PageRequest page) {
        return page(PENDING_BALANCES, "from leave_request r left join employee e on e.employee_id = r.employee_id "
                        + "where r.status = 'SUBMITTED' and r.awaiting = 'HR' and r.employee_id <> ?",
                "r.submitted_at, r.leave_request_id", new Object[] {callerId}, page,
                rs -> pendingApproval(rs, null));
    }

    /** The manager's delegations neither revoked nor over (ending today or later, by this service's clock), by start. */
    public List<DelegationView> currentDelegations(String managerId) {
        return jdbc.query("select delegation_id, delegate_id, valid_from, valid_to from approval_delegation "
                        + "where manager_id = ? and revoked_at is null and valid_to >= ? "
                        + "order by valid_from, delegation_id",
                (rs, row) -> new DelegationView(rs.getString("delegation_id"), managerId,
                        rs.getString("delegate_id"), rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class)), managerId, escalations.today());
    }

    private PendingApproval pendingApproval(ResultSet rs, String escalatedFrom) throws SQLException {
        return new PendingApproval(summary(rs), read(rs.getString("approvals"), APPROVALS), rs.getString("awaiting"),
                read(rs.getString("levels"), LEVELS), balances(rs.getString("balances")), escalatedFrom != null,
                escalatedFrom);
    }

    /** Whether {@code managerId} has delegated their approvals to {@code delegateId} for today. */
    public boolean isDelegateOf(String delegateId, String managerId) {
        return managerId != null && !jdbc.queryForList(DELEGATORS + " and d.manager_id = ?", String.class,
                delegateId, escalations.today(), managerId).isEmpty();
    }

    /** Whether the request was escalated to {@code managerId} (who may now decide it) today. */
    public boolean isEscalatedTo(String managerId, String leaveRequestId) {
        return escalations.isEscalatedTo(managerId, leaveRequestId);
    }

    private PageResult<LeaveRequestSummary> page(String from, String order, Object[] args, PageRequest page) {
        return page("", from, order, args, page, LeaveRequestQueries::summary);
    }

    private <T> PageResult<T> page(String extraColumns, String from, String order, Object[] args, PageRequest page,
                                   Row<T> row) {
        Long total = jdbc.queryForObject("select count(*) " + from, Long.class, args);
        Object[] pagedArgs = java.util.Arrays.copyOf(args, args.length + 2);
        pagedArgs[args.length] = page.size();
        pagedArgs[args.length + 1] = page.offset();
        List<T> items = jdbc.query("select " + SUMMARY_COLUMNS + extraColumns + " " + from + " order by " + order
                        + " limit ? offset ?", (rs, index) -> row.map(rs), pagedArgs);
        return PageResult.of(items, page, total == null ? 0 : total);
    }

    private static LeaveRequestSummary summary(ResultSet rs) throws SQLException {
        return new LeaveRequestSummary(rs.getString("leave_request_id"), rs.getString("employee_id"),
                rs.getString("employee_name"), rs.getString("manager_id"), rs.getString("leave_type"),
                rs.getString("status"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getBoolean("half_day_start"),
                rs.getBoolean("half_day_end"), rs.getBigDecimal("working_days"),
                instant(rs, "submitted_at"), instant(rs, "updated_at"));
    }

    private List<YearBalance> balances(String value) {
        if (value == null) {
            return List.of();
        }
        try {
            return json.readValue(value, ACCOUNTS).stream().map(AccountRow::balance).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private record AccountRow(int year, BigDecimal granted, BigDecimal carried, BigDecimal adjusted,
                              BigDecimal deducted, BigDecimal reserved) {

        YearBalance balance() {
            return new YearBalance(year, granted, carried, adjusted, deducted, reserved,
                    granted.add(carried).add(adjusted).subtract(deducted).subtract(reserved));
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<YearShare> shares(String value) {
        try {
            return json.readValue(value, SHARES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A request with its approval levels, decision, cancellation and history summary.
     *
     * @param approvals          the levels it must pass, in order (MANAGER, HR); none: approved on submission
     * @param awaiting           the level it waits for now; null once decided or cancelled
     * @param levelsPassed       the levels approved so far, each by whom, as what and on whose behalf
     * @param decidedOnBehalfOf  the manager the final decider stood in for (a delegation or an escalation)
     */
    public record LeaveRequestView(String leaveRequestId, String employeeId, String managerId, String leaveType,
                                   String status, LocalDate startDate, LocalDate endDate, boolean halfDayStart,
                                   boolean halfDayEnd, BigDecimal workingDays, List<YearShare> shares, String reason,
                                   Instant submittedAt, Instant decidedAt, String decidedBy, String decisionNote,
                                   Instant cancelledAt, String cancelledBy, String cancelReason, Instant updatedAt,
                                   List<String> approvals, String awaiting, List<LevelPassed> levelsPassed,
                                   String decidedOnBehalfOf, List<HistoryEntry> history) {
    }

    /** One approval level passed: its number, the approver it awaited, who approved, for whom (null: themself). */
    public record LevelPassed(int level, String approvedAs, String approvedBy, String onBehalfOf, Instant at) {
    }

    /** One step of a request's life: what happened, when, by whom, the status after it and the note given. */
    public record HistoryEntry(String event, Instant at, String actor, String status, String note) {
    }

    /**
     * A pending request (the summary's fields, flattened) with its approval levels (as {@link LeaveRequestView}'s)
     * and its employee's balances of its leave type, one per year the request touches that has an account:
     * available = granted + carried + adjusted − deducted − reserved.
     *
     * @param escalated     it is listed because it waited the escalation period at its manager, who reports to you
     * @param escalatedFrom that manager (null unless escalated)
     */
    public record PendingApproval(@JsonUnwrapped LeaveRequestSummary request, List<String> approvals, String awaiting,
                                  List<LevelPassed> levelsPassed, List<YearBalance> balances, boolean escalated,
                                  String escalatedFrom) {
    }

    /** A manager's delegation of their approvals to {@code delegateId}, from {@code from} to {@code to} included. */
    public record DelegationView(String delegationId, String managerId, String delegateId, LocalDate from,
                                 LocalDate to) {
    }

    public record YearBalance(int year, BigDecimal granted, BigDecimal carried, BigDecimal adjusted,
                              BigDecimal deducted, BigDecimal reserved, BigDecimal available) {
    }

    public record LeaveRequestSummary(String leaveRequestId, String employeeId, String employeeName,
                                      String managerId, String leaveType, String status, LocalDate startDate,
                                      LocalDate endDate, boolean halfDayStart, boolean halfDayEnd,
                                      BigDecimal workingDays, Instant submittedAt, Instant updatedAt) {
    }
}
