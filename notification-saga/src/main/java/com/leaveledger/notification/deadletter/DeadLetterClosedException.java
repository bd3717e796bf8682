package com.leaveledger.notification.deadletter;

import java.util.UUID;

/** The dead letter was retried or dismissed already. */
public class DeadLetterClosedException extends RuntimeException {

    public DeadLetterClosedException(UUID id, DeadLetter.Status status) {
        super("dead letter " + id + " is " + status.name().toLowerCase() + " already");
    }
}
