package com.leaveledger.kernel;

/** Kafka topic names shared by every service. */
public final class Topics {

    /** Every domain event, keyed by employee id so one employee's events keep their order. */
    public static final String EVENTS = "leave-ledger.events";

    /** Notifications that still failed after retries and fallbacks. */
    public static final String NOTIFICATIONS_DLQ = "leave-ledger.notifications.dlq";

    private Topics() {
    }
}
