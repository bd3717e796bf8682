package com.leaveledger.command.infra;

import com.leaveledger.kernel.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Sequences events by the employee they concern. Used twice: as the Kafka record key (one employee's events on
 * one partition) and as the publisher processor's sequencing policy (one employee's events handled by one segment,
 * in order), so per-employee order holds from the event store all the way onto the topic.
 */
public class EmployeeSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        if (event.getPayload() instanceof LedgerEvent ledgerEvent) {
            return ledgerEvent.employeeId().value();
        }
        return event instanceof DomainEventMessage<?> domainEvent
                ? domainEvent.getAggregateIdentifier() : event.getIdentifier();
    }
}
