package com.leaveledger.notification.deadletter;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An engineer sent a dead letter round again. */
@Revision("1")
public record DeadLetterRetriedEvent(UUID deadLetterId, DeadLetter.Kind kind, UUID deliveryId, String leaveRequestId,
                                     String actor) {
}
