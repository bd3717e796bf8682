package com.leaveledger.query.projection;

import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.support.persistence.StorableText;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Sequences events by the employee they concern, as the Kafka record key does: one employee's events are handled by
 * one segment, in order, and a dead letter holds back only that employee's later events. An event whose payload
 * cannot be read falls back to its aggregate (its handler then fails and dead-letters it). The identifier is the
 * {@link StorableText} of the id, so that a NUL in an id (events already in the ledger may have one) does not keep
 * the event out of the dead-letter queue.
 */
public class EmployeeSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        // the dead-letter queue stores the identifier in a varchar column, which refuses a NUL
        return StorableText.of(identifierOf(event));
    }

    private static String identifierOf(EventMessage<?> event) {
        try {
            if (event.getPayload() instanceof LedgerEvent ledgerEvent) {
                return ledgerEvent.employeeId().value();
            }
        } catch (RuntimeException unreadable) {
            // fall through: the handler will meet the same problem and dead-letter the event
        }
        if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null) {
            return event.getIdentifier();
        }
        String aggregate = domainEvent.getAggregateIdentifier();
        if ("LeaveAccount".equals(domainEvent.getType())) {
            try {
                return LeaveAccountId.parse(aggregate).employeeId().value();
            } catch (RuntimeException notAnAccountId) {
                return aggregate;
            }
        }
        return aggregate;
    }
}
