package com.leaveledger.query.projection;

import com.leaveledger.kernel.MetadataKeys;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * What a projection needs from an event's envelope: id, aggregate and sequence number (the idempotency key of
 * read-model rows), time and the metadata every event carries (actor, correlation id, causation id). Metadata is
 * only deserialized when asked for: the balance projection never needs it.
 */
public final class LedgerMessage {

    private final DomainEventMessage<?> message;

    private LedgerMessage(DomainEventMessage<?> message) {
        this.message = message;
    }

    /**
     * @throws IllegalArgumentException for an event without aggregate and sequence number: it cannot be applied
     *                                  idempotently, so it is dead-lettered instead of guessed at
     */
    public static LedgerMessage of(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || domain.getAggregateIdentifier() == null) {
            throw new IllegalArgumentException("event " + message.getIdentifier() + " of type "
                    + message.getPayloadType().getSimpleName() + " has no aggregate sequence number");
        }
        return new LedgerMessage(domain);
    }

    public String eventId() {
        return message.getIdentifier();
    }

    public String aggregateType() {
        return message.getType();
    }

    public String aggregateId() {
        return message.getAggregateIdentifier();
    }

    public long sequenceNumber() {
        return message.getSequenceNumber();
    }

    public Instant timestamp() {
        return message.getTimestamp();
    }

    public String actor() {
        return text(MetadataKeys.ACTOR);
    }

    public String correlationId() {
        return text(MetadataKeys.CORRELATION_ID);
    }

    public String causationId() {
        return text(MetadataKeys.CAUSATION_ID);
    }

    private String text(String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
