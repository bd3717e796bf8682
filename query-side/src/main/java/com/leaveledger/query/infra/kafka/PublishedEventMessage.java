package com.leaveledger.query.infra.kafka;

import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

/**
 * An event read from Kafka that remembers when its record was published (the record's timestamp), so the
 * visibility lag can be split into "stored → published" (the command side's outbox) and "published → visible" (the
 * query side). Wraps the converted message; nothing is deserialized for it.
 */
public class PublishedEventMessage<T> extends GenericTrackedDomainEventMessage<T> {

    private final Instant publishedAt;

    PublishedEventMessage(TrackingToken token, DomainEventMessage<T> delegate, Instant publishedAt) {
        super(token, delegate);
        this.publishedAt = publishedAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    /** The same event and publication time at another position (a stream reading a shared window has its own tokens). */
    @Override
    public PublishedEventMessage<T> withTrackingToken(TrackingToken trackingToken) {
        return new PublishedEventMessage<>(trackingToken, this, publishedAt);
    }

    /** The same record, its event stamped with the record's timestamp (events without aggregate stay as they are). */
    public static KafkaEventMessage stamp(KafkaEventMessage record) {
        if (record.value() instanceof DomainEventMessage<?> domain) {
            return new KafkaEventMessage(wrap(record.value().trackingToken(), domain, record.timestamp()),
                    record.partition(), record.offset(), record.timestamp());
        }
        return record;
    }

    private static <T> PublishedEventMessage<T> wrap(TrackingToken token, DomainEventMessage<T> domain, long timestamp) {
        return new PublishedEventMessage<>(token, domain, Instant.ofEpochMilli(timestamp));
    }
}
