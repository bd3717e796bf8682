package com.leaveledger.notification.delivery;

/**
 * Cancel the notices of {@code kind} for a leave request that have not been delivered yet (open deliveries on any
 * channel but AUDIT). Answers a {@link CancellationResult}.
 */
public record CancelNotificationsCommand(String leaveRequestId, NotificationKind kind, String reason) {
}
