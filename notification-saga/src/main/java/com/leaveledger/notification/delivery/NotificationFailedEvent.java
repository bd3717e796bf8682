package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.privacy.PersonalData;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The channel failed for good (a permanent refusal, or retries exhausted) and the saga asked for a fallback on
 * {@code fallbackChannel}: it compensates by dispatching the notice ({@code kind}, to {@code recipientId} as
 * {@code recipientRole}) there.
 */
@Revision("1")
public record NotificationFailedEvent(UUID deliveryId, String leaveRequestId, Channel channel, String recipientId,
                                      RecipientRole recipientRole, NotificationKind kind, int attempts,
                                      @PersonalData String cause, Channel fallbackChannel) implements DeliveryEvent {
}
