package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.support.persistence.StorableText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code delivery} table: one row per (source event, channel, recipient), the deduplication record of every
 * notification. The unique key makes registering a delivery twice a no-op, whichever instance or redelivery tries.
 * The instance that registered a delivery owns it until {@code lease_until}; a delivery left open past its lease
 * (its owner crashed mid-send) is claimed by {@link DeliveryRecovery} on any instance and resent with the same
 * idempotency key.
 */
public class DeliveryStore {

    private static final String COLUMNS = "delivery_id, source_event_id, channel, recipient_id, recipient_role, kind, "
            + "leave_request_id, employee_id, manager_id, fallback_channel, fallback_for, details, correlation_id, "
            + "requested_at";
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };
    /** The facts of a notice that are personal data of the employee it is about: the decision's note. */
    static final List<String> PERSONAL_DETAILS = List.of("note");
    private static final String ERASED = PersonalDataCipher.ERASED;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DeliveryStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Registers deliveries, each with its {@code NotificationRequestedEvent} log entry in the same statement, in one
     * JDBC batch ({@link #registerArgs}); answers, per delivery, whether it was new — false if (source event,
     * channel, recipient) was registered already, and then nothing was written.
     */
    public boolean[] registerAll(List<Object[]> registerArgs) {
        return fresh(jdbc.batchUpdate(REGISTER, registerArgs));
    }

    /**
     * The AUDIT channel, in one JDBC batch ({@link #registerAuditArgs}): each delivery registered as SENT, its
     * compliance record (who was told what, on which channels, because of which event, traced to which request) and
     * its {@code NotificationSentEvent} log entry, in one statement; answers, per delivery, whether it was new.
     */
    public boolean[] registerAuditAll(List<Object[]> registerAuditArgs) {
        return fresh(jdbc.batchUpdate(REGISTER_AUDIT, registerAuditArgs));
    }

    private static boolean[] fresh(int[] counts) {
        boolean[] fresh = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            fresh[i] = counts[i] == 1;
        }
        return fresh;
    }

    private static final String REGISTER = "with d as (insert into delivery (" + COLUMNS
                        + ", status, attempts, owner, lease_until) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) "
                        + "on conflict (source_event_id, channel, recipient_id) do nothing returning delivery_id) "
                        + "insert into delivery_event (event_id, delivery_id, leave_request_id, type, payload, "
                        + "correlation_id, causation_id, actor, occurred_at) "
                        + "select ?, delivery_id, ?, 'NotificationRequestedEvent', ?, ?, ?, ?, ? from d";

    Object[] registerArgs(Delivery d, String owner, Instant leaseUntil, String requestedEvent) {
        return with(d, owner, Timestamp.from(leaseUntil), UUID.randomUUID(), d.leaveRequestId(), requestedEvent,
                d.correlationId(), d.sourceEventId(), DeliveryEventLog.ACTOR, Timestamp.from(d.requestedAt()));
    }

    private static final String REGISTER_AUDIT = "with d as (insert into delivery (" + COLUMNS
                        + ", status, attempts, address, "
                        + "last_attempt_at, completed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENT', 1, "
                        + "'compliance_audit', ?, ?) on conflict (source_event_id, channel, recipient_id) do nothing "
                        + "returning delivery_id), "
                        + "a as (insert into compliance_audit (delivery_id, leave_request_id, source_event_id, kind, "
                        + "recipient_id, recipient_role, channels, correlation_id, actor, recorded_at) "
                        + "select delivery_id, ?, ?, ?, ?, ?, ?, ?, ?, ? from d returning delivery_id) "
                        + "insert into delivery_event (event_id, delivery_id, leave_request_id, type, payload, "
                        + "correlation_id, causation_id, actor, occurred_at) "
                        + "select ?, delivery_id, ?, 'NotificationSentEvent', ?, ?, ?, ?, ? from a";

    Object[] registerAuditArgs(Delivery d, String actor, String sentEvent) {
        Timestamp at = Timestamp.from(d.requestedAt());
        return with(d, at, at, d.leaveRequestId(), d.sourceEventId(), d.kind().name(), d.recipientId(),
                        d.recipientRole().name(), d.details().getOrDefault("channels", ""), d.correlationId(),
                        StorableText.of(actor),
                        at, UUID.randomUUID(), d.leaveRequestId(), sentEvent, d.correlationId(), d.sourceEventId(),
                        DeliveryEventLog.ACTOR, at);
    }

    /** The delivery's columns as statement arguments, followed by {@code more}. */
    private Object[] with(Delivery d, Object... more) {
        Object[] columns = {d.deliveryId(), d.sourceEventId(), d.channel().name(), d.recipientId(),
                d.recipientRole().name(), d.kind().name(), d.leaveRequestId(), d.employeeId(), d.managerId(),
                d.fallbackChannel() == null ? null : d.fallbackChannel().name(), d.fallbackFor(), write(d.details()),
                d.correlationId(), Timestamp.from(d.requestedAt())};
        Object[] all = java.util.Arrays.copyOf(columns, columns.length + more.length);
        System.arraycopy(more, 0, all, columns.length, more.length);
        return all;
    }

    /** The failed delivery {@code original} is replaced by a fallback. */
    public boolean markFallenBack(UUID original) {
        return jdbc.update("update delivery set status = 'FALLEN_BACK', completed_at = coalesce(completed_at, now()) "
                + "where delivery_id = ? and status = 'FAILED'", original) == 1;
    }

    /** Cancels the open deliveries of a kind for a leave request (AUDIT is never open); answers them. */
    public List<Delivery> cancelOpen(String leaveRequestId, NotificationKind kind, String reason) {
        return jdbc.query("update delivery set status = 'CANCELLED', last_error = ?, completed_at = now() "
                        + "where leave_request_id = ? and kind = ? and status in ('PENDING', 'RETRYING') returning "
                        + COLUMNS, this::delivery, StorableText.of(reason), StorableText.of(leaveRequestId), kind.name());
    }

    /** Erasure: cancels every open delivery to {@code recipientId} (nothing is sent to them any more); answers them. */
    public List<Delivery> cancelOpenTo(String recipientId, String reason) {
        return jdbc.query("update delivery set status = 'CANCELLED', last_error = ?, completed_at = now() "
                        + "where recipient_id = ? and status in ('PENDING', 'RETRYING') returning " + COLUMNS,
                this::delivery, StorableText.of(reason), StorableText.of(recipientId));
    }

    /**
     * Erasure: the addresses of {@code recipientId} on record, and the errors of their deliveries (which may quote an
     * address), read {@code [erased]}; AUDIT's address names the compliance record, not a person, and stays.
     * Answers the rows changed (none when run again).
     */
    public int eraseRecipient(String recipientId) {
        return jdbc.update("update delivery set "
                + "address = case when address is null or channel = 'AUDIT' then address else '[erased]' end, "
                + "last_error = case when last_error is null then null else '[erased]' end "
                + "where recipient_id = ? and ((address is not null and channel <> 'AUDIT' and address <> '[erased]') "
                + "or (last_error is not null and last_error <> '[erased]'))", StorableText.of(recipientId));
    }

    /**
     * Erasure: the personal facts ({@link #PERSONAL_DETAILS}: the reason or comment a notice quotes) of the
     * deliveries about {@code employeeId}, to whomever they went, read {@code [erased]}. Answers the rows changed.
     */
    public int eraseSubject(String employeeId) {
        List<Object[]> changed = new ArrayList<>();
        jdbc.query("select delivery_id, details from delivery where employee_id = ?", rs -> {
            Map<String, String> details = new LinkedHashMap<>(read(rs.getString(2)));
            boolean erased = false;
            for (String key : PERSONAL_DETAILS) {
                String value = details.get(key);
                if (value != null && !value.isEmpty() && !ERASED.equals(value)) {
                    details.put(key, ERASED);
                    erased = true;
                }
            }
            if (erased) {
                changed.add(new Object[] {write(details), rs.getObject(1, UUID.class)});
            }
        }, StorableText.of(employeeId));
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("update delivery set details = ? where delivery_id = ?", changed);
        }
        return changed.size();
    }

    public Optional<DeliveryStatus> status(UUID id) {
        return jdbc.query("select status from delivery where delivery_id = ?",
                (rs, i) -> DeliveryStatus.valueOf(rs.getString(1)), id).stream().findFirst();
    }

    public Optional<Delivery> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from delivery where delivery_id = ?", this::delivery, id)
                .stream().findFirst();
    }

    /**
     * Claims open deliveries whose owner's lease ran out (the owner stopped or crashed mid-send). Rows locked by a
     * concurrent claimer are skipped, so two instances never claim the same delivery.
     */
    public List<Delivery> claimExpired(String owner, Duration lease, int limit) {
        return jdbc.query("update delivery set owner = ?, lease_until = now() + ? * interval '1 millisecond' "
                        + "where delivery_id in (select delivery_id from delivery where status in ('PENDING', 'RETRYING') "
                        + "and lease_until < now() order by lease_until limit ? for update skip locked) returning "
                        + COLUMNS, this::delivery, owner, lease.toMillis(), limit);
    }

    /** Reopens a dead-lettered or failed delivery for another round of attempts, owned by {@code owner}. */
    public Optional<Delivery> reopen(UUID id, String owner, Duration lease) {
        return jdbc.query("update delivery set status = 'PENDING', owner = ?, completed_at = null, "
                        + "lease_until = now() + ? * interval '1 millisecond' where delivery_id = ? "
                        + "and status in ('DEAD_LETTERED', 'FAILED') returning " + COLUMNS, this::delivery,
                owner, lease.toMillis(), id).stream().findFirst();
    }

    /** On shutdown: what this instance still owns may be taken over at once instead of after the lease. */
    public int releaseLeases(String owner) {
        return jdbc.update("update delivery set lease_until = now() where owner = ? and status in ('PENDING', 'RETRYING')",
                owner);
    }

    public List<DeliveryView> byLeaveRequest(String leaveRequestId) {
        return jdbc.query("select " + VIEW_COLUMNS + " from delivery where leave_request_id = ? order by requested_at, "
                + "kind, recipient_id, channel", DeliveryStore::view, StorableText.of(leaveRequestId));
    }

    /**
     * The deliveries of the {@code limit} leave requests notified about last (after skipping {@code offset}), in one
     * query: the latest request first, each request's deliveries in {@link #byLeaveRequest}'s order.
     */
    public List<DeliveryView> latestLeaveRequests(int limit, int offset) {
        return jdbc.query("with latest as (select leave_request_id, max(requested_at) as latest from delivery "
                + "group by leave_request_id order by latest desc, leave_request_id limit ? offset ?) "
                + "select " + VIEW_COLUMNS + " from delivery join latest using (leave_request_id) "
                + "order by latest.latest desc, leave_request_id, requested_at, kind, recipient_id, channel",
                DeliveryStore::view, limit, offset);
    }

    private static final String VIEW_COLUMNS = "delivery_id, source_event_id, kind, recipient_id, recipient_role, "
            + "channel, status, attempts, last_error, address, fallback_for, requested_at, last_attempt_at, "
            + "completed_at, employee_id, manager_id, leave_request_id";

    private static DeliveryView view(ResultSet rs, int row) throws SQLException {
        return new DeliveryView(rs.getObject(1, UUID.class), rs.getString(2),
                NotificationKind.valueOf(rs.getString(3)), rs.getString(4), RecipientRole.valueOf(rs.getString(5)),
                Channel.valueOf(rs.getString(6)), DeliveryStatus.valueOf(rs.getString(7)), rs.getInt(8),
                rs.getString(9), rs.getString(10), rs.getObject(11, UUID.class), instant(rs, 12), instant(rs, 13),
                instant(rs, 14), rs.getString(15), rs.getString(16), rs.getString(17));
    }

    private Delivery delivery(ResultSet rs, int row) throws SQLException {
        String fallback = rs.getString(10);
        return new Delivery(rs.getObject(1, UUID.class), rs.getString(2), Channel.valueOf(rs.getString(3)),
                rs.getString(4), RecipientRole.valueOf(rs.getString(5)), NotificationKind.valueOf(rs.getString(6)),
                rs.getString(7), rs.getString(8), rs.getString(9), fallback == null ? null : Channel.valueOf(fallback),
                rs.getObject(11, UUID.class), read(rs.getString(12)), rs.getString(13), instant(rs, 14), null);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String write(Map<String, String> details) {
        try {
            return json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> read(String details) {
        try {
            return details == null ? Map.of() : json.readValue(details, DETAILS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
