package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A delivery is identified by (source event id, channel, recipient). Its id is a name-based UUID of that triple,
 * so the saga knows the id before the delivery exists, and the same triple always gives the same id. The id is
 * also the idempotency key every provider receives.
 */
public final class DeliveryIds {

    private DeliveryIds() {
    }

    public static UUID of(String sourceEventId, Channel channel, String recipientId) {
        return UUID.nameUUIDFromBytes((sourceEventId + "|" + channel + "|" + recipientId)
                .getBytes(StandardCharsets.UTF_8));
    }
}
