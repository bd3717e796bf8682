package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.Map;
import java.util.UUID;

/**
 * Deliver one notice on one channel to one recipient. {@code sourceEventId} is the event that caused it (a domain
 * event, or for a fallback the failure event); with channel and recipient it identifies the delivery
 * ({@link DeliveryIds}). {@code fallbackChannel} names where the saga will fall back if this channel fails for
 * good; {@code fallbackFor} is the delivery this one replaces. {@code details} are the facts the message shows.
 */
public record SendNotificationCommand(
        UUID deliveryId,
        String sourceEventId,
        Channel channel,
        String recipientId,
        RecipientRole recipientRole,
        NotificationKind kind,
        String leaveRequestId,
        String employeeId,
        String managerId,
        Channel fallbackChannel,
        UUID fallbackFor,
        Map<String, String> details) {

    public SendNotificationCommand {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
