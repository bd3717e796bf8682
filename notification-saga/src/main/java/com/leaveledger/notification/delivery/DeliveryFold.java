package com.leaveledger.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Deliveries folded from their outcome events in the order they were logged, with the rules the outcome writer and
 * the command handler apply to the {@code delivery} row: a request opens a delivery PENDING; a send, skip, failure,
 * dead letter or cancellation sets its status, attempts, error and times; a fallback marks the failed delivery it
 * replaces FALLEN_BACK. A delivery's identity (source event, kind, recipient, channel, fallback of) is written once,
 * with its row, and given here; only what changes comes from the log. Attempts that failed and were retried are not
 * outcome events, so an open delivery reads PENDING, never RETRYING, and counts no attempts until its outcome.
 */
public final class DeliveryFold {

    private final Map<UUID, State> deliveries = new LinkedHashMap<>();
    private long applied;

    /** Applies one logged outcome: its type, the delivery's identity, when it was logged and its payload. */
    public void apply(String type, DeliveryView identity, Instant at, JsonNode payload) {
        UUID id = identity.deliveryId();
        if ("NotificationFellBackEvent".equals(type)) {
            State original = deliveries.get(id);
            if (original != null) {
                original.status = DeliveryStatus.FALLEN_BACK;
                original.completedAt = original.completedAt == null ? at : original.completedAt;
                applied++;
            }
            return;
        }
        State delivery = deliveries.computeIfAbsent(id, k -> new State(identity));
        switch (type) {
            case "NotificationRequestedEvent" -> delivery.status = DeliveryStatus.PENDING;
            case "NotificationSentEvent" -> {
                delivery.complete(DeliveryStatus.SENT, payload.path("attempts").asInt(0), null, at);
                delivery.address = text(payload, "address");
            }
            case "NotificationSkippedEvent" -> delivery.complete(DeliveryStatus.SKIPPED, 0, text(payload, "reason"),
                    at);
            case "NotificationFailedEvent" -> delivery.complete(DeliveryStatus.FAILED,
                    payload.path("attempts").asInt(0), text(payload, "cause"), at);
            case "NotificationDeadLetteredEvent" -> delivery.complete(DeliveryStatus.DEAD_LETTERED,
                    payload.path("attempts").asInt(0), text(payload, "cause"), at);
            case "NotificationCancelledEvent" -> {
                delivery.status = DeliveryStatus.CANCELLED;
                delivery.lastError = "cancelled: " + text(payload, "reason");
                delivery.completedAt = at;
            }
            default -> {
                return;
            }
        }
        applied++;
    }

    public long applied() {
        return applied;
    }

    /** The deliveries as they stood, in the order the status API lists them. */
    public List<DeliveryView> deliveries() {
        List<DeliveryView> views = new ArrayList<>();
        for (State state : deliveries.values()) {
            views.add(state.view());
        }
        views.sort(DeliveryView.STATUS_ORDER);
        return views;
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static final class State {

        private final DeliveryView identity;
        private DeliveryStatus status = DeliveryStatus.PENDING;
        private int attempts;
        private String lastError;
        private String address;
        private Instant lastAttemptAt;
        private Instant completedAt;

        private State(DeliveryView identity) {
            this.identity = identity;
        }

        private void complete(DeliveryStatus outcome, int attemptsMade, String error, Instant at) {
            status = outcome;
            attempts = Math.max(attempts, attemptsMade);
            lastError = error;
            lastAttemptAt = attemptsMade > 0 ? at : lastAttemptAt;
            completedAt = at;
        }

        private DeliveryView view() {
            DeliveryView i = identity;
            return new DeliveryView(i.deliveryId(), i.sourceEventId(), i.kind(), i.recipientId(), i.recipientRole(),
                    i.channel(), status, attempts, lastError, address, i.fallbackFor(), i.requestedAt(),
                    lastAttemptAt, completedAt, i.employeeId(), i.managerId(), i.leaveRequestId());
        }
    }
}
