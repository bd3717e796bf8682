package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;

/**
 * An outcome of one delivery. Every outcome is stored in this service's event store (schema notification_saga,
 * for compliance) and read back by the saga, which settles its deliveries and compensates failures.
 * <p>
 * Components marked {@link com.leaveledger.kernel.privacy.PersonalData} hold personal data of the recipient (an
 * address, a provider's error that may quote it): they read {@code [erased]} in the outcome log once the recipient
 * is erased ({@link DeliveryEventLog#eraseRecipient}). These events are not {@code LedgerEvent}s, so nothing encrypts
 * them; the errors they carry have the recipient's address taken out before they are recorded (docs/notifications.md,
 * "Erasure").
 */
public sealed interface DeliveryEvent permits NotificationRequestedEvent, NotificationSentEvent,
        NotificationSkippedEvent, NotificationFailedEvent, NotificationFellBackEvent, NotificationDeadLetteredEvent,
        NotificationCancelledEvent {

    UUID deliveryId();

    String leaveRequestId();

    Channel channel();

    String recipientId();
}
