package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;

/**
 * An outcome of one delivery. Every outcome is stored in this service's event store (schema notification_saga,
 * for compliance) and read back by the saga, which settles its deliveries and compensates failures.
 */
public sealed interface DeliveryEvent permits NotificationRequestedEvent, NotificationSentEvent,
        NotificationSkippedEvent, NotificationFailedEvent, NotificationFellBackEvent, NotificationDeadLetteredEvent,
        NotificationCancelledEvent {

    UUID deliveryId();

    String leaveRequestId();

    Channel channel();

    String recipientId();
}
