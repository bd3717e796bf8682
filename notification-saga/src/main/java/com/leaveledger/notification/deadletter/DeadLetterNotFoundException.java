package com.leaveledger.notification.deadletter;

import java.util.UUID;

public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(UUID id) {
        super("no dead letter " + id);
    }
}
