package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A delivery was stopped before it reached the recipient (e.g. approval notices of leave cancelled since). */
@Revision("1")
public record NotificationCancelledEvent(UUID deliveryId, String leaveRequestId, Channel channel,
                                         String recipientId, String reason) implements DeliveryEvent {
}
