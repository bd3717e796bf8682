package com.leaveledger.notification.deadletter;

import java.util.UUID;
import org.axonframework.serialization.Revision;

/** An engineer decided a dead letter needs no delivery; the dismissal is itself part of the record. */
@Revision("1")
public record DeadLetterDismissedEvent(UUID deadLetterId, DeadLetter.Kind kind, UUID deliveryId,
                                       String leaveRequestId, String actor, String note) {
}
