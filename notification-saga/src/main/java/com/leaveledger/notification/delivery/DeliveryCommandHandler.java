package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The channel command handlers. A {@link SendNotificationCommand} registers the delivery (its deduplication record)
 * in the transaction of the saga that sent it, with its {@code NotificationRequested} entry in the outcome log
 * ({@link DeliveryEventLog}) — batched per unit of work; only after that transaction commits is the provider
 * called. A command for a delivery registered before (a redelivered event, a
 * replay, another instance) changes nothing and sends nothing. AUDIT deliveries are written on the spot (their
 * outcome event is the {@code NotificationSent} of the compliance record).
 */
public class DeliveryCommandHandler {

    private static final String PENDING = DeliveryCommandHandler.class.getName() + ".pending";
    private static final String CANCELLED = DeliveryCommandHandler.class.getName() + ".cancelled";

    private final DeliveryStore store;
    private final DeliveryEventLog log;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;
    private final String instanceId;
    private final Duration lease;
    private final Meter.MeterProvider<Counter> outcomes;

    public DeliveryCommandHandler(DeliveryStore store, DeliveryEventLog log, DeliveryDispatcher dispatcher,
                                  Clock clock, String instanceId, Duration lease, MeterRegistry meters) {
        this.store = store;
        this.log = log;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.instanceId = instanceId;
        this.lease = lease;
        // the same counter as OutcomeWriter's other outcomes: a failed delivery whose fallback is registered
        this.outcomes = Counter.builder("ledger.notifications.deliveries")
                .description("Delivery outcomes per channel")
                .withRegistry(meters);
    }

    /** A delivery to register when the saga's unit of work prepares to commit. */
    private record Pending(Delivery delivery, boolean audit, Object[] arguments) {
    }

    /**
     * Queues the delivery on the saga's unit of work; all deliveries of the processor's batch are registered in one
     * JDBC batch just before its transaction commits (one round trip instead of one per channel), and dispatched
     * after it committed. Without a unit of work (tests, tools) the delivery is registered at once.
     */
    @CommandHandler
    public void handle(SendNotificationCommand command,
                       @MetaDataValue(MetadataKeys.CORRELATION_ID) String correlationId,
                       @MetaDataValue(MetadataKeys.ACTOR) String actor,
                       @MetaDataValue(MetadataKeys.TRACEPARENT) String traceparent) {
        UUID id = DeliveryIds.of(command.sourceEventId(), command.channel(), command.recipientId());
        if (command.deliveryId() != null && !command.deliveryId().equals(id)) {
            throw new IllegalArgumentException("delivery id " + command.deliveryId() + " is not the id of ("
                    + command.sourceEventId() + ", " + command.channel() + ", " + command.recipientId() + ")");
        }
        Instant now = clock.instant();
        Delivery delivery = Delivery.of(fallbackFilledIn(command), id, correlationId, traceparent, now);
        Pending pending;
        if (command.channel() == Channel.AUDIT) {
            pending = new Pending(delivery, true, store.registerAuditArgs(delivery, actor, log.write(
                    new NotificationSentEvent(id, command.leaveRequestId(), Channel.AUDIT, command.recipientId(), 1,
                            "compliance_audit", null, now))));
        } else {
            pending = new Pending(delivery, false, store.registerArgs(delivery, instanceId, now.plus(lease),
                    log.write(new NotificationRequestedEvent(id, command.leaveRequestId(), command.channel(),
                            command.recipientId(), command.recipientRole(), command.kind(), command.sourceEventId(),
                            command.fallbackFor()))));
        }
        if (!CurrentUnitOfWork.isStarted()) {
            List<Delivery> fresh = register(List.of(pending));
            fresh.forEach(dispatcher::dispatch);
            return;
        }
        pendingOf(CurrentUnitOfWork.get().root()).add(pending);
    }

    @CommandHandler
    public CancellationResult handle(CancelNotificationsCommand command) {
        if (CurrentUnitOfWork.isStarted()) {
            // what this unit of work registered so far must exist before it can be cancelled
            flush(CurrentUnitOfWork.get().root());
        }
        List<Delivery> cancelled = store.cancelOpen(command.leaveRequestId(), command.kind(),
                "cancelled: " + command.reason());
        Instant now = clock.instant();
        log.appendAll(cancelled.stream().map(d -> new DeliveryEventLog.Entry(d, new NotificationCancelledEvent(
                d.deliveryId(), d.leaveRequestId(), d.channel(), d.recipientId(), command.reason()), now)).toList());
        List<UUID> ids = cancelled.stream().map(Delivery::deliveryId).toList();
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.<Set<UUID>>getOrComputeResource(CANCELLED, k -> ConcurrentHashMap.newKeySet()).addAll(ids);
            root.afterCommit(u -> dispatcher.cancelled(ids));
        } else {
            dispatcher.cancelled(ids);
        }
        return new CancellationResult(ids);
    }

    private List<Pending> pendingOf(UnitOfWork<?> root) {
        return root.getOrComputeResource(PENDING, key -> {
            root.onPrepareCommit(u -> flush(root));
            return new ArrayList<>();
        });
    }

    /** Registers what is queued on the unit of work; what was new is dispatched once it committed. */
    private void flush(UnitOfWork<?> root) {
        List<Pending> queued = root.getResource(PENDING);
        if (queued == null || queued.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(queued);
        queued.clear();
        List<Delivery> fresh = register(batch);
        if (!fresh.isEmpty()) {
            root.afterCommit(u -> {
                Set<UUID> cancelled = root.getResource(CANCELLED);
                fresh.stream().filter(d -> cancelled == null || !cancelled.contains(d.deliveryId()))
                        .forEach(dispatcher::dispatch);
            });
        }
    }

    /** Registers the deliveries (one JDBC batch per kind); answers those that were new and need sending. */
    private List<Delivery> register(List<Pending> batch) {
        List<Pending> sends = batch.stream().filter(p -> !p.audit()).toList();
        List<Pending> audits = batch.stream().filter(Pending::audit).toList();
        if (!audits.isEmpty()) {
            store.registerAuditAll(audits.stream().map(Pending::arguments).toList());
        }
        List<Delivery> fresh = new ArrayList<>();
        if (!sends.isEmpty()) {
            boolean[] registered = store.registerAll(sends.stream().map(Pending::arguments).toList());
            Instant now = clock.instant();
            for (int i = 0; i < registered.length; i++) {
                if (!registered[i]) {
                    continue;
                }
                Delivery d = sends.get(i).delivery();
                fresh.add(d);
                if (d.fallbackFor() != null && store.markFallenBack(d.fallbackFor())) {
                    log.append(d, new NotificationFellBackEvent(d.fallbackFor(), d.leaveRequestId(),
                            channelOf(d), d.recipientId(), d.deliveryId(), d.channel()), now);
                    countFallenBack(channelOf(d));
                }
            }
        }
        return fresh;
    }

    private void countFallenBack(Channel original) {
        Counter counter = outcomes.withTags("channel", original == null ? "UNKNOWN" : original.name(),
                "outcome", "fallen-back");
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(u -> counter.increment());
        } else {
            counter.increment();
        }
    }

    /**
     * A fallback shows the facts of the delivery it replaces, overlaid with the saga's: the saga never keeps a
     * decision's note (personal data) in its state, so the note comes from there. A saga that started on the failure
     * knows even less: the employee and the manager come from the replaced delivery too.
     */
    private SendNotificationCommand fallbackFilledIn(SendNotificationCommand command) {
        if (command.fallbackFor() == null) {
            return command;
        }
        return store.find(command.fallbackFor()).map(original -> {
            java.util.Map<String, String> details = new java.util.LinkedHashMap<>(original.details());
            details.putAll(command.details());
            boolean known = command.employeeId() != null;
            return new SendNotificationCommand(command.deliveryId(), command.sourceEventId(), command.channel(),
                    command.recipientId(), command.recipientRole(), command.kind(), command.leaveRequestId(),
                    known ? command.employeeId() : original.employeeId(),
                    known ? command.managerId() : original.managerId(), command.fallbackChannel(),
                    command.fallbackFor(), details);
        }).orElse(command);
    }

    private static Channel channelOf(Delivery fallback) {
        String from = fallback.details().get("fallbackFrom");
        return from == null ? null : Channel.valueOf(from);
    }
}
