package com.leaveledger.notification.deadletter;

import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.support.persistence.StorableText;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * The Kafka-fed processors' sequences: the employee an event concerns, as the topic's record key. A dead letter
 * then holds back only that employee's later events. An event whose payload cannot be read falls back to its
 * aggregate. The identifier is {@link StorableText}: the dead-letter queue keeps it in a varchar column.
 */
public class EmployeeSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        String identifier;
        try {
            identifier = event.getPayload() instanceof LedgerEvent ledgerEvent ? ledgerEvent.employeeId().value()
                    : null;
        } catch (RuntimeException unreadable) {
            identifier = null;
        }
        if (identifier == null) {
            identifier = event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null
                    ? domain.getAggregateIdentifier() : event.getIdentifier();
        }
        return StorableText.of(identifier);
    }
}
