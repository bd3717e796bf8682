package com.leaveledger.notification.delivery;

/**
 * Where one delivery (one source event, one channel, one recipient) stands. PENDING and RETRYING are open; every
 * other status is final, except FAILED, which the saga settles by dispatching the fallback (FALLEN_BACK).
 */
public enum DeliveryStatus {
    PENDING, RETRYING, SENT, SKIPPED, FAILED, FALLEN_BACK, DEAD_LETTERED, CANCELLED;

    public boolean isOpen() {
        return this == PENDING || this == RETRYING;
    }
}
