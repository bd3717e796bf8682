package com.leaveledger.notification.deadletter;

import com.leaveledger.kernel.leaverequest.LeaveRequestEvent;
import com.leaveledger.notification.delivery.DeliveryEvent;
import java.sql.SQLException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The saga's dead letters. Axon's dead-letter queue does not cover sagas, and its default error handler would log
 * and skip a failing event (a lost notification). This handler sorts failures in two:
 * <ul>
 *   <li>database trouble (any {@link SQLException}, {@link DataAccessException} or {@link TransactionException}
 *       in the cause chain) is rethrown: the processor rolls the batch back and retries it with backoff, so nothing
 *       is lost while PostgreSQL is away;</li>
 *   <li>anything else (a bug, an event the saga cannot make sense of) is dead-lettered with the whole event, in the
 *       same transaction as the token, and the saga moves on: one poisonous event never blocks the others.</li>
 * </ul>
 * An engineer retries such a dead letter through the admin API, which hands the stored event to the saga again.
 */
public class SagaEventDeadLetterer implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SagaEventDeadLetterer.class);

    private final DeadLetterStore store;
    private final String processingGroup;

    public SagaEventDeadLetterer(DeadLetterStore store, String processingGroup) {
        this.store = store;
        this.processingGroup = processingGroup;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler)
            throws Exception {
        if (isInfrastructureFailure(exception)) {
            throw exception;
        }
        String leaveRequestId = leaveRequestId(event.getPayload());
        log.error("the notification saga failed on event {} ({}) of leave request {}; dead-lettered",
                event.getIdentifier(), event.getPayloadType().getSimpleName(), leaveRequestId, exception);
        store.deadLetterSagaEvent(event, processingGroup, leaveRequestId, rootCause(exception));
    }

    static boolean isInfrastructureFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException || cause instanceof DataAccessException
                    || cause instanceof TransactionException
                    || cause instanceof org.axonframework.common.jdbc.JdbcException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause
                && cause.getClass().getName().startsWith("org.axonframework")) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String leaveRequestId(Object payload) {
        if (payload instanceof LeaveRequestEvent leaveEvent) {
            return leaveEvent.leaveRequestId().value();
        }
        if (payload instanceof DeliveryEvent deliveryEvent) {
            return deliveryEvent.leaveRequestId();
        }
        return null;
    }
}
