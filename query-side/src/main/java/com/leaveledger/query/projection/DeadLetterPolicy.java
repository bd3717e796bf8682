package com.leaveledger.query.projection;

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
 * Which failures are dead-lettered: everything an event's handler throws, except a {@link TransientWriteException}
 * (the database, not the event, is the problem): a live event is then not dead-lettered, its batch fails and is
 * retried as a whole; a dead letter being retried stays in the queue.
 */
public class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        boolean retry = letter instanceof JdbcDeadLetter;
        if (isTransient(cause)) {
            return retry ? Decisions.requeue(storable(cause)) : Decisions.doNotEnqueue();
        }
        return retry ? Decisions.requeue(storable(cause)) : Decisions.enqueue(storable(cause));
    }

    /**
     * The cause as the queue's {@code cause_message} column can hold it: an exception's message may quote the
     * event's text (a deserialization error quotes the value it could not read), NUL included.
     */
    static ThrowableCause storable(Throwable cause) {
        ThrowableCause truncated = truncated(cause);
        return new ThrowableCause(truncated.type(), StorableText.of(truncated.message()));
    }

    private static boolean isTransient(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TransientWriteException) {
                return true;
            }
        }
        return false;
    }
}
