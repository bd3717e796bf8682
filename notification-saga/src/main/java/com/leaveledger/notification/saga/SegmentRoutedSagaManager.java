package com.leaveledger.notification.saga;

import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;

/**
 * Axon's saga manager, except that an event goes only to the segment its saga lives in (docs/adr/0023).
 * <p>
 * Axon's {@link AnnotatedSagaManager} lets every segment of the saga's processor handle every event and then keeps
 * the sagas whose id matches the segment: with 8 segments each event is read, deserialized and looked up in
 * {@code association_value_entry} 8 times, to reach one saga. But where a saga lives is fixed when it starts: Axon
 * creates it only in the segment that matches its initial association value, with an identifier chosen to match
 * that same segment. A saga that keeps that single association for life, as {@link LeaveNotificationSaga} does
 * ({@code leaveRequestId}, never {@code associateWith} anything else), therefore receives events only in the
 * segment matching the event's association value; the other segments can skip the event before their unit of work.
 * <p>
 * It holds while the segments are not split or merged: a split can move a saga's identifier and its association
 * value into different halves. The saga's processor is never split or merged here (fixed segment count,
 * {@code ledger.notifications.saga-segments}, which applies only when the processor's tokens are first created).
 * A redelivery from the dead-letter admin API uses {@link Segment#ROOT_SEGMENT}, which matches everything.
 *
 * @param <T> the saga type
 */
public class SegmentRoutedSagaManager<T> extends AnnotatedSagaManager<T> {

    public SegmentRoutedSagaManager(Builder<T> builder) {
        super(builder);
    }

    @Override
    public boolean canHandle(EventMessage<?> eventMessage, Segment segment) {
        if (!super.canHandle(eventMessage, segment)) {
            return false;
        }
        Set<AssociationValue> associations = extractAssociationValues(eventMessage);
        // An event without an association value cannot reach a saga; leave it to Axon's rule (every segment).
        return associations.isEmpty() || associations.stream().anyMatch(segment::matches);
    }
}
