package com.leaveledger.query.request;

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
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the leave-request read model (projection "leave-requests"). */
public class LeaveRequestQueries {

    private static final String SUMMARY_COLUMNS = "r.leave_request_id, r.employee_id, e.name as employee_name, "
            + "r.manager_id, r.leave_type, r.status, r.start_date, r.end_date, r.half_day_start, r.half_day_end, "
            + "r.working_days, r.submitted_at, r.updated_at";
    private static final TypeReference<List<YearShare>> SHARES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public LeaveRequestQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
                        rs.getString("cancel_reason"), instant(rs, "updated_at"), new ArrayList<>()),
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

    /** Requests waiting for this manager's decision, oldest first. */
    public PageResult<LeaveRequestSummary> pendingFor(String managerId, PageRequest page) {
        return page("from leave_request r left join employee e on e.employee_id = r.employee_id "
                        + "where r.manager_id = ? and r.status = 'SUBMITTED'",
                "r.submitted_at, r.leave_request_id", new Object[] {managerId}, page);
    }

    private PageResult<LeaveRequestSummary> page(String from, String order, Object[] args, PageRequest page) {
        Long total = jdbc.queryForObject("select count(*) " + from, Long.class, args);
        Object[] pagedArgs = java.util.Arrays.copyOf(args, args.length + 2);
        pagedArgs[args.length] = page.size();
        pagedArgs[args.length + 1] = page.offset();
        List<LeaveRequestSummary> items = jdbc.query("select " + SUMMARY_COLUMNS + " " + from + " order by " + order
                        + " limit ? offset ?",
                (rs, row) -> new LeaveRequestSummary(rs.getString("leave_request_id"), rs.getString("employee_id"),
                        rs.getString("employee_name"), rs.getString("manager_id"), rs.getString("leave_type"),
                        rs.getString("status"), rs.getObject("start_date", LocalDate.class),
                        rs.getObject("end_date", LocalDate.class), rs.getBoolean("half_day_start"),
                        rs.getBoolean("half_day_end"), rs.getBigDecimal("working_days"),
                        instant(rs, "submitted_at"), instant(rs, "updated_at")),
                pagedArgs);
        return PageResult.of(items, page, total == null ? 0 : total);
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

    /** A request with its decision, cancellation and history summary. */
    public record LeaveRequestView(String leaveRequestId, String employeeId, String managerId, String leaveType,
                                   String status, LocalDate startDate, LocalDate endDate, boolean halfDayStart,
                                   boolean halfDayEnd, BigDecimal workingDays, List<YearShare> shares, String reason,
                                   Instant submittedAt, Instant decidedAt, String decidedBy, String decisionNote,
                                   Instant cancelledAt, String cancelledBy, String cancelReason, Instant updatedAt,
                                   List<HistoryEntry> history) {
    }

    /** One step of a request's life: what happened, when, by whom, the status after it and the note given. */
    public record HistoryEntry(String event, Instant at, String actor, String status, String note) {
    }

    public record LeaveRequestSummary(String leaveRequestId, String employeeId, String employeeName,
                                      String managerId, String leaveType, String status, LocalDate startDate,
                                      LocalDate endDate, boolean halfDayStart, boolean halfDayEnd,
                                      BigDecimal workingDays, Instant submittedAt, Instant updatedAt) {
    }
}
