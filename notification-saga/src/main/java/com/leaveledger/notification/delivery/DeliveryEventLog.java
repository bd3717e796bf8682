package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The compliance log of delivery outcomes: table {@code delivery_event}, append-only, one row per
 * {@link DeliveryEvent} with its JSON, correlation id, causation id (the event that caused the delivery), actor and
 * time. Written in the transaction that changes the delivery, in JDBC batches. The saga does not read it; it reads
 * {@link NotificationFailedEvent}s from the event store, where they are appended as well.
 */
public class DeliveryEventLog {

    static final String ACTOR = "notification-saga";
    private static final String INSERT = "insert into delivery_event (event_id, delivery_id, leave_request_id, type, "
            + "payload, correlation_id, causation_id, actor, occurred_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
