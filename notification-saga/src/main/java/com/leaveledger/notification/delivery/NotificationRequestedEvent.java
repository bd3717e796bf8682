package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A delivery was registered (its deduplication record exists) and will be attempted. */
@Revision("1")
public record NotificationRequestedEvent(UUID deliveryId, String leaveRequestId, Channel channel, String recipientId,
                                         RecipientRole recipientRole, NotificationKind kind, String sourceEventId,
                                         UUID fallbackFor) implements DeliveryEvent {
}
