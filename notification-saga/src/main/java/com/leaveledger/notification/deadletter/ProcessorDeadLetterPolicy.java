package com.leaveledger.notification.deadletter;

import static org.axonframework.messaging.deadletter.ThrowableCause.truncated;

import com.leaveledger.support.persistence.StorableText;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;

/**
 * What the Kafka-fed processors ({@code employee-directory}, {@code notification-inbox}) dead-letter: an event their
 * handler fails on — an unreadable payload, a row the database refuses — goes to Axon's sequenced dead-letter queue
 * under its employee, and every other employee's events flow on (docs/adr/0031-poison-events.md).
 * <p>
 * Database trouble is not the event's fault ({@link SagaEventDeadLetterer#isInfrastructureFailure}: connection lost,
 * deadlock, PostgreSQL away): it is rethrown from here, so the processor's batch fails and is retried as a whole
 * (Axon would otherwise drop an event the policy declines to enqueue). A letter being retried that fails again stays
 * in the queue with its new cause.
 */
public class ProcessorDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (letter instanceof JdbcDeadLetter) {
            return Decisions.requeue(storable(cause));
        }
        if (SagaEventDeadLetterer.isInfrastructureFailure(cause) && !refusedRow(cause)) {
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
        return Decisions.enqueue(storable(cause));
    }

    private static boolean refusedRow(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof com.leaveledger.notification.directory.RefusedRowException) {
                return true;
            }
        }
        return false;
    }

    /** The cause as the queue's {@code cause_message} column holds it (a message may quote the event's text). */
    static ThrowableCause storable(Throwable cause) {
        ThrowableCause truncated = truncated(cause);
        return new ThrowableCause(truncated.type(), StorableText.of(truncated.message()));
    }
}
