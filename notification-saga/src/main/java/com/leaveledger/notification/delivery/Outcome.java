package com.leaveledger.notification.delivery;

import java.time.Instant;

/** What happened to one delivery, queued for {@link OutcomeWriter}. */
sealed interface Outcome {

    Delivery delivery();

    Instant at();

    record Sent(Delivery delivery, int attempts, String address, String providerMessageId, Instant at)
            implements Outcome {
    }

    record AttemptFailed(Delivery delivery, int attempt, String error, Instant at) implements Outcome {
    }

    record Skipped(Delivery delivery, String reason, Instant at) implements Outcome {
    }

    /** Retries exhausted or a permanent refusal: FAILED (the saga falls back) or dead-lettered. */
    record GaveUp(Delivery delivery, int attempts, String causeType, String cause, Instant at) implements Outcome {
    }
}
