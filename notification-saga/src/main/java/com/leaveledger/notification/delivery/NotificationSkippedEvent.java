package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Nothing was sent, by design: the recipient opted out of the channel or has no address for it. */
@Revision("1")
public record NotificationSkippedEvent(UUID deliveryId, String leaveRequestId, Channel channel, String recipientId,
                                       String reason) implements DeliveryEvent {
}
