package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.privacy.PersonalData;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The provider accepted the message (for AUDIT: the compliance record was written). */
@Revision("1")
public record NotificationSentEvent(UUID deliveryId, String leaveRequestId, Channel channel, String recipientId,
                                    int attempts, @PersonalData String address, String providerMessageId,
                                    Instant sentAt)
        implements DeliveryEvent {
}
