package com.leaveledger.notification.erasure;

import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.notification.deadletter.DeadLetterStore;
import com.leaveledger.notification.delivery.Delivery;
import com.leaveledger.notification.delivery.DeliveryDispatcher;
import com.leaveledger.notification.delivery.DeliveryEventLog;
import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.delivery.NotificationCancelledEvent;
import com.leaveledger.notification.directory.EmployeeDirectory;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.support.persistence.StorableText;
import com.leaveledger.support.privacy.DataKeyCipher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An employee's erasure (GDPR Art. 17, docs/adr/0033 section 5), in this service: handled by the directory's
 * processor, after the employee's registration in the same ordered per-employee stream, in one transaction:
 * <ol>
 *   <li>the cached data key is forgotten (it was destroyed: their values read {@code [erased]} from now on);</li>
 *   <li>the directory row keeps the employee id only, marked erased — nothing is sent to them any more (their
 *       later deliveries are {@code SKIPPED});</li>
 *   <li>their addresses and the errors of deliveries to them read {@code [erased]}, in the deliveries and in the
 *       outcome log; what was still open for them is {@code CANCELLED} (logged, and stopped on this instance);</li>
 *   <li>the notes (reasons, comments) of notices about them read {@code [erased]}, to whomever they went;</li>
 *   <li>dead letters keep nothing of theirs, nor do sagas stored before the saga stopped keeping notes.</li>
 * </ol>
 * A redelivered or replayed erasure finds nothing left to change. The event stores and the Kafka topics hold their
 * data only as ciphertext under the destroyed key (docs/notifications.md, "Erasure").
 */
@ProcessingGroup(EmployeeDirectoryProjection.PROCESSING_GROUP)
public class SubjectErasure {

    static final String CANCELLED = "recipient erased";
    private static final Logger log = LoggerFactory.getLogger(SubjectErasure.class);

    private final EmployeeDirectory directory;
    private final DeliveryStore deliveries;
    private final DeliveryEventLog deliveryEvents;
    private final DeadLetterStore deadLetters;
    private final DeliveryDispatcher dispatcher;
    private final SagaStates sagas;
    private final DataKeyCipher cipher;
    private final Clock clock;

    SubjectErasure(EmployeeDirectory directory, DeliveryStore deliveries, DeliveryEventLog deliveryEvents,
                   DeadLetterStore deadLetters, DeliveryDispatcher dispatcher, SagaStates sagas, DataKeyCipher cipher,
                   Clock clock) {
        this.directory = directory;
        this.deliveries = deliveries;
        this.deliveryEvents = deliveryEvents;
        this.deadLetters = deadLetters;
        this.dispatcher = dispatcher;
        this.sagas = sagas;
        this.cipher = cipher;
        this.clock = clock;
    }

    @EventHandler
    public void on(SubjectErasedEvent event, @MessageIdentifier String eventId) {
        String employee = StorableText.of(event.employeeId().value());
        cipher.forget(event.employeeId());
        directory.erase(employee, eventId);
        int addresses = deliveries.eraseRecipient(employee);
        List<Delivery> cancelled = deliveries.cancelOpenTo(employee, "cancelled: " + CANCELLED);
        Instant now = clock.instant();
        deliveryEvents.appendAll(cancelled.stream().map(d -> new DeliveryEventLog.Entry(d,
                new NotificationCancelledEvent(d.deliveryId(), d.leaveRequestId(), d.channel(), d.recipientId(),
                        CANCELLED), now)).toList());
        int outcomes = deliveryEvents.eraseRecipient(employee);
        int notes = deliveries.eraseSubject(employee);
        int letters = deadLetters.eraseSubject(employee);
        int states = sagas.erase(employee);
        List<UUID> stopped = cancelled.stream().map(Delivery::deliveryId).toList();
        Runnable afterCommit = () -> {
            dispatcher.cancelled(stopped);
            directory.evict(employee);
            cipher.forget(event.employeeId());
            log.info("erased employee {} (event {}): {} deliveries' addresses, {} outcomes, {} notices' notes, "
                            + "{} dead letters, {} sagas' notes; {} open deliveries cancelled", employee, eventId,
                    addresses, outcomes, notes, letters, states, stopped.size());
        };
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(u -> afterCommit.run());
        } else {
            afterCommit.run();
        }
    }
}
