package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A failed delivery was replaced by {@code fallbackDeliveryId} on {@code fallbackChannel}. */
@Revision("1")
public record NotificationFellBackEvent(UUID deliveryId, String leaveRequestId, Channel channel, String recipientId,
                                        UUID fallbackDeliveryId, Channel fallbackChannel) implements DeliveryEvent {
}
