package com.leaveledger.notification.deadletter;

import java.time.Instant;
import java.util.UUID;

/**
 * A notification that could not be delivered after retries and fallbacks ({@code DELIVERY}), or an event the
 * saga could not handle ({@code SAGA_EVENT}). {@code status}: OPEN until an engineer retries or dismisses it.
 */
public record DeadLetter(UUID deadLetterId, Kind kind, Status status, UUID deliveryId, String leaveRequestId,
                         String channel, String recipientId, String eventIdentifier, String payloadType,
                         int attempts, String causeType, String cause, Instant createdAt, Instant publishedAt,
                         Instant resolvedAt, String resolvedBy, String resolutionNote) {

    public enum Kind {
        DELIVERY, SAGA_EVENT
    }

    public enum Status {
        OPEN, RETRIED, DISMISSED
    }
}
