package com.leaveledger.notification.deadletter;

import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.notification.delivery.Delivery;
import com.leaveledger.notification.delivery.DeliveryDispatcher;
import com.leaveledger.notification.delivery.DeliveryStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;

/**
 * What an engineer can do with a dead letter: retry it (a delivery is reopened and sent again with its original
 * idempotency key; a saga event is handed to the saga again) or dismiss it. Both close the dead letter, name the
 * engineer and are stored as events, in one transaction.
 */
public class DeadLetterService {

    private final DeadLetterStore deadLetters;
    private final DeliveryStore deliveries;
    private final DeliveryDispatcher dispatcher;
    private final EventBus eventBus;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final Consumer<EventMessage<?>> sagaRedelivery;
    private final MeterRegistry meters;
    private final String instanceId;
    private final Duration lease;

    public DeadLetterService(DeadLetterStore deadLetters, DeliveryStore deliveries, DeliveryDispatcher dispatcher,
                             EventBus eventBus, TransactionManager transactions, Serializer serializer,
                             Consumer<EventMessage<?>> sagaRedelivery, MeterRegistry meters, String instanceId,
                             Duration lease) {
        this.deadLetters = deadLetters;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.eventBus = eventBus;
        this.transactions = transactions;
        this.serializer = serializer;
        this.sagaRedelivery = sagaRedelivery;
        this.meters = meters;
        this.instanceId = instanceId;
        this.lease = lease;
    }

    public void retry(UUID id, String actor) {
        DeadLetter deadLetter = open(id);
        Optional<Delivery> reopened = inUnitOfWork(() -> {
            close(deadLetter, DeadLetter.Status.RETRIED, actor, null);
            eventBus.publish(event(new DeadLetterRetriedEvent(id, deadLetter.kind(), deadLetter.deliveryId(),
                    deadLetter.leaveRequestId(), actor), actor, deadLetter));
            if (deadLetter.kind() == DeadLetter.Kind.DELIVERY) {
                return deliveries.reopen(deadLetter.deliveryId(), instanceId, lease);
            }
            sagaRedelivery.accept(storedEvent(id));
            return Optional.<Delivery>empty();
        });
        reopened.ifPresent(dispatcher::dispatch);
        meters.counter("ledger.notifications.dead_letters.retried", "kind", deadLetter.kind().name()).increment();
    }

    public void dismiss(UUID id, String actor, String note) {
        DeadLetter deadLetter = open(id);
        inUnitOfWork(() -> {
            close(deadLetter, DeadLetter.Status.DISMISSED, actor, note);
            eventBus.publish(event(new DeadLetterDismissedEvent(id, deadLetter.kind(), deadLetter.deliveryId(),
                    deadLetter.leaveRequestId(), actor, note), actor, deadLetter));
            return null;
        });
        meters.counter("ledger.notifications.dead_letters.dismissed", "kind", deadLetter.kind().name()).increment();
    }

    private DeadLetter open(UUID id) {
        DeadLetter deadLetter = deadLetters.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        if (deadLetter.status() != DeadLetter.Status.OPEN) {
            throw new DeadLetterClosedException(id, deadLetter.status());
        }
        return deadLetter;
    }

    private void close(DeadLetter deadLetter, DeadLetter.Status status, String actor, String note) {
        if (!deadLetters.resolve(deadLetter.deadLetterId(), status, actor, note)) {
            throw new DeadLetterClosedException(deadLetter.deadLetterId(), deadLetters.find(deadLetter.deadLetterId())
                    .map(DeadLetter::status).orElse(status));
        }
    }

    private EventMessage<?> storedEvent(UUID id) {
        DeadLetterStore.StoredEvent stored = deadLetters.storedEvent(id);
        SerializedType type = new SimpleSerializedType(stored.payloadType(), stored.payloadRevision());
        Object payload = serializer.deserialize(new SimpleSerializedObject<>(stored.payload(), byte[].class, type));
        MetaData metadata = serializer.deserialize(new SimpleSerializedObject<>(stored.metadata(), byte[].class,
                MetaData.class.getName(), null));
        return new GenericEventMessage<>(new GenericMessage<>(stored.identifier(), payload, metadata),
                stored::timestamp);
    }

    private static EventMessage<?> event(Object payload, String actor, DeadLetter deadLetter) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(Map.of(MetadataKeys.ACTOR, actor,
                MetadataKeys.CAUSATION_ID, deadLetter.deadLetterId().toString()));
    }

    private <T> T inUnitOfWork(java.util.concurrent.Callable<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<T> result = unitOfWork.executeWithResult(work);
        if (result.isExceptional()) {
            Throwable error = result.exceptionResult();
            if (error instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(error);
        }
        return result.getPayload();
    }
}
