package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/** The state of one delivery as the status API shows it. */
public record DeliveryView(UUID deliveryId, String sourceEventId, NotificationKind kind, String recipientId,
                           RecipientRole recipientRole, Channel channel, DeliveryStatus status, int attempts,
                           String lastError, String address, UUID fallbackFor, Instant requestedAt,
                           Instant lastAttemptAt, Instant completedAt, String employeeId, String managerId,
                           String leaveRequestId) {

    /** The status API's order: requested first, then by kind, recipient and channel. */
    static final Comparator<DeliveryView> STATUS_ORDER = Comparator.comparing(DeliveryView::requestedAt)
            .thenComparing(v -> v.kind().name()).thenComparing(DeliveryView::recipientId)
            .thenComparing(v -> v.channel().name());
}
