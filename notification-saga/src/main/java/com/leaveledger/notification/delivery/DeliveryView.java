package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.time.Instant;
import java.util.UUID;

/** The state of one delivery as the status API shows it. */
public record DeliveryView(UUID deliveryId, String sourceEventId, NotificationKind kind, String recipientId,
                           RecipientRole recipientRole, Channel channel, DeliveryStatus status, int attempts,
                           String lastError, String address, UUID fallbackFor, Instant requestedAt,
                           Instant lastAttemptAt, Instant completedAt, String employeeId, String managerId) {
}
