package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.privacy.PersonalData;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** Retries and fallbacks are used up: the delivery is in the dead-letter queue for an engineer. */
@Revision("1")
public record NotificationDeadLetteredEvent(UUID deliveryId, String leaveRequestId, Channel channel,
                                            String recipientId, int attempts, UUID deadLetterId,
                                            @PersonalData String cause)
        implements DeliveryEvent {
}
