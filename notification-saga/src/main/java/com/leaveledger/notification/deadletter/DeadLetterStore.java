package com.leaveledger.notification.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.notification.delivery.DeadLetterSink;
import com.leaveledger.notification.delivery.Delivery;
import com.leaveledger.support.persistence.StorableText;
import com.leaveledger.support.privacy.PersonalDataRedaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code dead_letter} table. Delivery dead letters point at their delivery row (which keeps everything needed
 * to resend it); saga-event dead letters keep the serialized event, to hand it to the saga again on retry.
 * Rows are never deleted: a retry or a dismissal closes one, naming who did it and when.
 */
public class DeadLetterStore implements DeadLetterSink {

    private static final String COLUMNS = "dead_letter_id, kind, status, delivery_id, leave_request_id, channel, "
            + "recipient_id, event_identifier, payload_type, attempts, cause_type, cause_message, created_at, "
            + "published_at, resolved_at, resolved_by, resolution_note";

    private static final String ERASED = PersonalDataCipher.ERASED;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final MeterRegistry meters;
    private final ObjectMapper json = new ObjectMapper();

    public DeadLetterStore(JdbcTemplate jdbc, Serializer serializer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.meters = meters;
    }

    @Override
    public UUID deadLetter(Delivery delivery, int attempts, String causeType, String cause) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into dead_letter (dead_letter_id, kind, status, delivery_id, leave_request_id, channel, "
                        + "recipient_id, event_identifier, attempts, cause_type, cause_message, created_at) "
                        + "values (?, 'DELIVERY', 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, now())",
                id, delivery.deliveryId(), delivery.leaveRequestId(), delivery.channel().name(),
                delivery.recipientId(), delivery.sourceEventId(), attempts, StorableText.of(causeType), truncate(cause));
        created(DeadLetter.Kind.DELIVERY, delivery.channel().name());
        return id;
    }

    /** An event the saga failed on, kept whole so a retry can hand it to the saga again. */
    public UUID deadLetterSagaEvent(EventMessage<?> event, String processingGroup, String leaveRequestId,
                                    Throwable cause) {
        UUID id = UUID.randomUUID();
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metadata = event.serializeMetaData(serializer, byte[].class);
        jdbc.update("insert into dead_letter (dead_letter_id, kind, status, leave_request_id, processing_group, "
                        + "event_identifier, payload_type, payload_revision, payload, meta_data, event_timestamp, "
                        + "attempts, cause_type, cause_message, created_at) "
                        + "values (?, 'SAGA_EVENT', 'OPEN', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, now())",
                id, StorableText.of(leaveRequestId), processingGroup, StorableText.of(event.getIdentifier()),
                payload.getType().getName(),
                payload.getType().getRevision(), payload.getData(), metadata.getData(),
                Timestamp.from(event.getTimestamp()), cause.getClass().getName(), truncate(String.valueOf(cause.getMessage())));
        created(DeadLetter.Kind.SAGA_EVENT, "none");
        return id;
    }

    /**
     * Erasure: no dead letter keeps personal data of {@code employeeId} — the causes of their deliveries' dead
     * letters (which may quote an address), the personal components and causes of saga events about them or
     * addressed to them, and of the events dead-lettered in Axon's queue under them (the Kafka-fed processors'
     * sequences are employees). Run again, it changes nothing. Answers the rows changed.
     */
    public int eraseSubject(String employeeId) {
        String subject = StorableText.of(employeeId);
        int changed = jdbc.update("update dead_letter set cause_message = ? where kind = 'DELIVERY' "
                + "and recipient_id = ? and cause_message is distinct from ?", ERASED, subject, ERASED);
        List<Object[]> sagaEvents = new ArrayList<>();
        jdbc.query("select dead_letter_id, payload_type, payload from dead_letter where kind = 'SAGA_EVENT' "
                + "and payload is not null", rs -> {
            byte[] payload = redacted(rs.getString(2), rs.getBytes(3), subject);
            if (payload != null) {
                sagaEvents.add(new Object[] {payload, ERASED, rs.getObject(1, UUID.class)});
            }
        });
        if (!sagaEvents.isEmpty()) {
            jdbc.batchUpdate("update dead_letter set payload = ?, cause_message = ? where dead_letter_id = ?",
                    sagaEvents);
        }
        List<Object[]> queued = new ArrayList<>();
        jdbc.query("select dead_letter_id, payload_type, payload from dead_letter_entry where sequence_identifier = ?",
                rs -> {
                    byte[] payload = redacted(rs.getString(2), rs.getBytes(3), subject);
                    queued.add(new Object[] {payload == null ? rs.getBytes(3) : payload, ERASED, rs.getString(1)});
                }, subject);
        if (!queued.isEmpty()) {
            jdbc.batchUpdate("update dead_letter_entry set payload = ?, cause_message = case when cause_message is "
                    + "null then null else ? end, diagnostics = convert_to('{}', 'UTF8') where dead_letter_id = ?",
                    queued);
        }
        return changed + sagaEvents.size() + queued.size();
    }

    /**
     * The stored JSON of an event with the personal components of {@code type} erased, if the event concerns
     * {@code subject} (its employee, or the recipient of a delivery outcome) and held any; else null.
     */
    private byte[] redacted(String payloadType, byte[] payload, String subject) {
        Class<?> type = PersonalDataRedaction.typeNamed(payloadType);
        if (type == null || PersonalDataRedaction.personalComponents(type).isEmpty()) {
            return null;
        }
        try {
            if (!(json.readTree(payload) instanceof ObjectNode event)
                    || !(subject.equals(event.path("employeeId").asText(null))
                    || subject.equals(event.path("recipientId").asText(null)))
                    || !PersonalDataRedaction.redact(event, type)) {
                return null;
            }
            return json.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new IllegalStateException("a dead letter's payload of type " + payloadType + " is not JSON", e);
        }
    }

    public List<DeadLetter> list(DeadLetter.Status status, int limit) {
        if (status == null) {
            return jdbc.query("select " + COLUMNS + " from dead_letter order by created_at desc limit ?",
                    this::deadLetter, limit);
        }
        return jdbc.query("select " + COLUMNS + " from dead_letter where status = ? order by created_at desc limit ?",
                this::deadLetter, status.name(), limit);
    }

    public Optional<DeadLetter> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from dead_letter where dead_letter_id = ?", this::deadLetter, id)
                .stream().findFirst();
    }

    /** Closes an open dead letter; false if it is not open (already retried or dismissed). */
    public boolean resolve(UUID id, DeadLetter.Status status, String actor, String note) {
        return jdbc.update("update dead_letter set status = ?, resolved_at = now(), resolved_by = ?, "
                + "resolution_note = ? where dead_letter_id = ? and status = 'OPEN'", status.name(),
                StorableText.of(actor), truncate(note), id) == 1;
    }

    /** The stored event of a saga-event dead letter. */
    public StoredEvent storedEvent(UUID id) {
        return jdbc.queryForObject("select event_identifier, payload_type, payload_revision, payload, meta_data, "
                + "event_timestamp from dead_letter where dead_letter_id = ?", (rs, i) -> new StoredEvent(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getBytes(5),
                rs.getTimestamp(6).toInstant()), id);
    }

    public record StoredEvent(String identifier, String payloadType, String payloadRevision, byte[] payload,
                              byte[] metadata, Instant timestamp) {
    }

    public long countOpen() {
        Long open = jdbc.queryForObject("select count(*) from dead_letter where status = 'OPEN'", Long.class);
        return open == null ? 0 : open;
    }

    private void created(DeadLetter.Kind kind, String channel) {
        Counter.builder("ledger.notifications.dead_letters")
                .description("Dead letters created: deliveries that failed after retries and fallbacks, "
                        + "and events the saga could not handle")
                .tag("kind", kind.name())
                .tag("channel", channel)
                .register(meters)
                .increment();
    }

    private DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getObject(1, UUID.class), DeadLetter.Kind.valueOf(rs.getString(2)),
                DeadLetter.Status.valueOf(rs.getString(3)), rs.getObject(4, UUID.class), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11),
                rs.getString(12), instant(rs, 13), instant(rs, 14), instant(rs, 15), rs.getString(16),
                rs.getString(17));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Text for a column: at most 2,000 characters, as {@link StorableText} (a cause may quote the event's text). */
    private static String truncate(String text) {
        return StorableText.of(text == null || text.length() <= 2000 ? text : text.substring(0, 2000) + "…");
    }
}
