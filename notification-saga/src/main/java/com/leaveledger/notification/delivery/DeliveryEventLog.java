package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.privacy.PersonalData;
import com.leaveledger.support.persistence.StorableText;
import com.leaveledger.support.privacy.PersonalDataRedaction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The compliance log of delivery outcomes: table {@code delivery_event}, append-only, one row per
 * {@link DeliveryEvent} with its JSON, correlation id, causation id (the event that caused the delivery), actor and
 * time. Written in the transaction that changes the delivery, in JDBC batches. The saga does not read it; it reads
 * {@link NotificationFailedEvent}s from the event store, where they are appended as well. Compliance reads it
 * folded: a request's notifications as of an instant ({@link #asOf}).
 */
public class DeliveryEventLog {

    static final String ACTOR = "notification-saga";
    private static final String INSERT = "insert into delivery_event (event_id, delivery_id, leave_request_id, type, "
            + "payload, correlation_id, causation_id, actor, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The outcome events by the name the log keeps them under ({@code type}). */
    private static final Map<String, Class<?>> TYPES = Arrays.stream(DeliveryEvent.class.getPermittedSubclasses())
            .collect(Collectors.toMap(Class::getSimpleName, c -> c));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DeliveryEventLog(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One outcome of a delivery, as it happened at {@code at}. */
    public record Entry(Delivery delivery, DeliveryEvent event, Instant at) {
    }

    public void append(Delivery delivery, DeliveryEvent event, Instant at) {
        appendAll(List.of(new Entry(delivery, event, at)));
    }

    public void appendAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, entries, entries.size(), (ps, e) -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, e.event().deliveryId());
            ps.setString(3, e.event().leaveRequestId());
            ps.setString(4, e.event().getClass().getSimpleName());
            ps.setString(5, write(e.event()));
            ps.setString(6, e.delivery().correlationId());
            ps.setString(7, e.delivery().sourceEventId());
            ps.setString(8, ACTOR);
            ps.setTimestamp(9, Timestamp.from(e.at()));
        });
    }

    /**
     * A leave request's deliveries as they stood at {@code asOf}: the outcomes logged up to that instant, folded by
     * {@link DeliveryFold}, each delivery's identity from its row. Payloads are read with Jackson, never with
     * PostgreSQL's JSON operators, which fail on an escaped NUL (docs/adr/0031-poison-events.md).
     */
    public DeliveryFold asOf(String leaveRequestId, Instant asOf) {
        DeliveryFold fold = new DeliveryFold();
        jdbc.query("select e.type, e.occurred_at, e.payload, d.delivery_id, d.source_event_id, d.kind, "
                        + "d.recipient_id, d.recipient_role, d.channel, d.fallback_for, d.requested_at, d.employee_id, "
                        + "d.manager_id, d.leave_request_id from delivery_event e join delivery d on d.delivery_id = e.delivery_id "
                        + "where e.leave_request_id = ? and e.occurred_at <= ? "
                        + "order by e.occurred_at, case e.type when 'NotificationRequestedEvent' then 0 else 1 end",
                rs -> {
                    DeliveryView identity = new DeliveryView(rs.getObject("delivery_id", UUID.class),
                            rs.getString("source_event_id"), NotificationKind.valueOf(rs.getString("kind")),
                            rs.getString("recipient_id"), RecipientRole.valueOf(rs.getString("recipient_role")),
                            Channel.valueOf(rs.getString("channel")), DeliveryStatus.PENDING, 0, null, null,
                            rs.getObject("fallback_for", UUID.class), rs.getTimestamp("requested_at").toInstant(),
                            null, null, rs.getString("employee_id"), rs.getString("manager_id"),
                            rs.getString("leave_request_id"));
                    fold.apply(rs.getString("type"), identity, rs.getTimestamp("occurred_at").toInstant(),
                            read(rs.getString("payload")));
                }, StorableText.of(leaveRequestId), Timestamp.from(asOf));
        return fold;
    }

    /**
     * Erasure: the outcomes of deliveries to {@code recipientId} keep no personal data of theirs — every component of
     * a {@link DeliveryEvent} marked {@link PersonalData} (the address a notice went to, a provider's error, which may
     * quote it) reads {@code [erased]} in the log. Answers the entries changed (none when run again).
     */
    public int eraseRecipient(String recipientId) {
        List<Object[]> changed = new ArrayList<>();
        jdbc.query("select e.event_id, e.type, e.payload from delivery_event e join delivery d "
                + "on d.delivery_id = e.delivery_id where d.recipient_id = ?", rs -> {
            Class<?> type = TYPES.get(rs.getString(2));
            if (type == null || PersonalDataRedaction.personalComponents(type).isEmpty()) {
                return;
            }
            if (read(rs.getString(3)) instanceof ObjectNode payload && PersonalDataRedaction.redact(payload, type)) {
                changed.add(new Object[] {write(payload), rs.getObject(1, UUID.class)});
            }
        }, StorableText.of(recipientId));
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("update delivery_event set payload = ? where event_id = ?", changed);
        }
        return changed.size();
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the delivery event log holds a payload that is not JSON", e);
        }
    }

    /** Metadata for the event-store copy of an outcome (only failures go there). */
    static java.util.Map<String, Object> metadata(Delivery d) {
        java.util.Map<String, Object> metadata = new java.util.HashMap<>();
        if (d.correlationId() != null) {
            metadata.put(MetadataKeys.CORRELATION_ID, d.correlationId());
        }
        metadata.put(MetadataKeys.CAUSATION_ID, d.sourceEventId());
        metadata.put(MetadataKeys.ACTOR, ACTOR);
        return metadata;
    }

    String write(Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
