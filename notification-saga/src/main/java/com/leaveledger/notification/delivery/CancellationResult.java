package com.leaveledger.notification.delivery;

import java.util.List;
import java.util.UUID;

/** Which deliveries a {@link CancelNotificationsCommand} stopped before they reached the recipient. */
public record CancellationResult(List<UUID> cancelled) {

    public CancellationResult {
        cancelled = cancelled == null ? List.of() : List.copyOf(cancelled);
    }

    public boolean anyCancelled() {
        return !cancelled.isEmpty();
    }
}
