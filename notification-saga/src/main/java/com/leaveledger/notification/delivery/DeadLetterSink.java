package com.leaveledger.notification.delivery;

import java.util.UUID;

/** Where deliveries go when retries and fallbacks are used up (implemented by the dead-letter queue). */
public interface DeadLetterSink {

    /** Records a dead letter for the delivery in the current transaction; answers its id. */
    UUID deadLetter(Delivery delivery, int attempts, String causeType, String causeMessage);
}
