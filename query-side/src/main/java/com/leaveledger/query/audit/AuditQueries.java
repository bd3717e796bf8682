package com.leaveledger.query.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.leaveledger.support.privacy.PersonalDataJson;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the audit log (projection "audit-log"): the event history as received. */
public class AuditQueries {

    static final String COLUMNS = "event_id, event_type, occurred_at, aggregate_type, aggregate_id, aggregate_seq, "
            + "employee_id, leave_request_id, account_id, actor, correlation_id, causation_id, payload_revision, "
            + "payload::text as payload";

    private static final ObjectMapper PAYLOAD_READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JdbcTemplate jdbc;
    private final PersonalDataJson personalData;

    public AuditQueries(JdbcTemplate jdbc, PersonalDataJson personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Every event of a leave request: the request's own and the account movements it caused. */
    public List<AuditEvent> forLeaveRequest(String leaveRequestId) {
        return jdbc.query("select " + COLUMNS + " from audit_event where leave_request_id = ? "
                + "order by occurred_at, received_order", this::revealed, leaveRequestId);
    }

    public PageResult<AuditEvent> forEmployee(String employeeId, Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder("employee_id = ?");
        List<Object> args = new ArrayList<>(List.of(employeeId));
        if (filter.from() != null) {
            where.append(" and occurred_at >= ?");
            args.add(utc(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and occurred_at < ?");
            args.add(utc(filter.to()));
        }
        if (filter.type() != null) {
            where.append(" and event_type = ?");
            args.add(filter.type().endsWith("Event") ? filter.type() : filter.type() + "Event");
        }
        if (filter.actor() != null) {
            where.append(" and actor = ?");
            args.add(filter.actor());
        }
        Long total = jdbc.queryForObject("select count(*) from audit_event where " + where, Long.class,
                args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<AuditEvent> items = jdbc.query("select " + COLUMNS + " from audit_event where " + where
                + " order by occurred_at, received_order limit ? offset ?", this::revealed,
                args.toArray());
        return PageResult.of(items, page, total == null ? 0 : total);
    }

    /**
     * The employee's balances at {@code asOf}, folded from the account events recorded up to that instant. The days
     * are read from each payload here, not with PostgreSQL's {@code ->>}: that de-escapes every string of the
     * document, and a payload holding <code>&#92;u0000</code> (a NUL in a grant's reason) would fail the whole query
     * (docs/adr/0031-poison-events.md).
     */
    public LedgerFold balancesAsOf(String employeeId, Instant asOf) {
        LedgerFold fold = new LedgerFold();
        jdbc.query("select event_type, account_id, payload::text as payload from audit_event "
                        + "where employee_id = ? and account_id is not null and occurred_at <= ? "
                        + "order by account_id, aggregate_seq",
                rs -> {
                    fold.apply(rs.getString("event_type"), rs.getString("account_id"), days(rs.getString("payload")));
                }, employeeId, utc(asOf));
        return fold;
    }

    /**
     * The leave request as it stood at {@code asOf}, folded from its own events recorded up to that instant; the
     * fields are read from each payload with Jackson, as for balances.
     */
    public RequestFold requestAsOf(String leaveRequestId, Instant asOf) {
        return foldRequests("leave_request_id = ?", leaveRequestId, asOf);
    }

    /** The employee's leave requests as they stood at {@code asOf}, folded like {@link #requestAsOf}. */
    public RequestFold requestsAsOf(String employeeId, Instant asOf) {
        return foldRequests("employee_id = ?", employeeId, asOf);
    }

    private RequestFold foldRequests(String filter, String id, Instant asOf) {
        RequestFold fold = new RequestFold();
        jdbc.query("select event_type, leave_request_id, occurred_at, payload::text as payload from audit_event "
                        + "where " + filter + " and aggregate_type = 'LeaveRequest' and occurred_at <= ? "
                        + "order by leave_request_id, aggregate_seq",
                rs -> {
                    fold.apply(rs.getString("event_type"), rs.getString("leave_request_id"),
                            rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            payload(personalData.reveal(rs.getString("payload"))));
                }, id, utc(asOf));
        return fold;
    }

    /** The payload's {@code days}, as PostgreSQL's {@code (payload ->> 'days')::numeric} read it; null if none. */
    static BigDecimal days(String payload) {
        return decimal(payload(payload).path("days"));
    }

    /** A number, or a number written as text; null if missing. */
    static BigDecimal decimal(JsonNode value) {
        try {
            if (value.isNumber()) {
                return value.decimalValue();
            }
            return value.isTextual() ? new BigDecimal(value.asText().trim()) : null;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("the audit log holds a payload whose days cannot be read", e);
        }
    }

    static JsonNode payload(String payload) {
        try {
            return PAYLOAD_READER.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("the audit log holds a payload that is not JSON", e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** An event as {@link #map} reads it, its personal data shown in plaintext, or {@code [erased]}. */
    AuditEvent revealed(ResultSet rs, int row) throws SQLException {
        return map(rs, row).revealedBy(personalData);
    }

    static AuditEvent map(ResultSet rs, int row) throws SQLException {
        long seq = rs.getLong("aggregate_seq");
        Long aggregateSeq = rs.wasNull() ? null : seq;
        OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditEvent(rs.getString("event_id"), rs.getString("event_type"), occurred.toInstant(),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), aggregateSeq,
                rs.getString("employee_id"), rs.getString("leave_request_id"), rs.getString("account_id"),
                rs.getString("actor"), rs.getString("correlation_id"), rs.getString("causation_id"),
                rs.getString("payload_revision"), rs.getString("payload"));
    }

    /** Filters of an employee's timeline; all optional. {@code to} is exclusive. */
    public record Filter(Instant from, Instant to, String type, String actor) {
    }

    /**
     * One event of the history with its envelope; the payload is the JSON as published, its personal data in
     * plaintext (or {@code [erased]}) where the API shows it.
     */
    public record AuditEvent(String eventId, String type, Instant occurredAt, String aggregateType,
                             String aggregateId, Long aggregateSequence, String employeeId, String leaveRequestId,
                             String accountId, String actor, String correlationId, String causationId,
                             String revision, @JsonRawValue String payload) {

        AuditEvent revealedBy(PersonalDataJson personalData) {
            return new AuditEvent(eventId, type, occurredAt, aggregateType, aggregateId, aggregateSequence,
                    employeeId, leaveRequestId, accountId, actor, correlationId, causationId, revision,
                    personalData.reveal(payload));
        }
    }
}
