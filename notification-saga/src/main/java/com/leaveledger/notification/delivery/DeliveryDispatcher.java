package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.directory.Contact;
import com.leaveledger.notification.directory.EmployeeDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives registered deliveries to their provider. Called after the transaction that registered a delivery has
 * committed (so nothing is sent for a delivery that does not exist), by recovery for deliveries whose owner
 * stopped, and by the dead-letter admin for a retry. Looks up the recipient in the directory, renders the
 * message and sends it through the channel's {@link ResilientChannel}; the outcome goes to {@link OutcomeWriter}.
 * Nothing here blocks on a provider: a delivery in flight is a future, not a thread.
 * <p>
 * Nothing is sent to an erased recipient: such a delivery is {@code SKIPPED}. An error is recorded without the
 * recipient's address in it ({@link ResilientChannel#withoutAddress}).
 * <p>
 * A recipient the directory does not know yet (its registration is on another Kafka partition and may arrive a
 * moment later) is looked up again with a growing delay, then given up as {@code unknown-recipient}.
 */
public class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int CONTACT_LOOKUPS = 8;

    private final Map<Channel, ResilientChannel> channels;
    private final EmployeeDirectory directory;
    private final MessageRenderer renderer;
    private final OutcomeWriter outcomes;
    private final DeliveryStore store;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger providerCalls = new AtomicInteger();
    private volatile boolean running;

    public DeliveryDispatcher(Map<Channel, ResilientChannel> channels, EmployeeDirectory directory,
                              MessageRenderer renderer, OutcomeWriter outcomes, DeliveryStore store,
                              ExecutorService executor, ScheduledExecutorService scheduler, Clock clock) {
        this.channels = Map.copyOf(channels);
        this.directory = directory;
        this.renderer = renderer;
        this.outcomes = outcomes;
        this.store = store;
        this.executor = executor;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Starts driving the delivery (at most once per delivery per instance at a time). */
    public void dispatch(Delivery delivery) {
        if (!running || !inFlight.add(delivery.deliveryId())) {
            return;
        }
        try {
            executor.execute(() -> resolve(delivery, 1));
        } catch (RejectedExecutionException e) {
            inFlight.remove(delivery.deliveryId());
            log.warn("dispatcher stopped; delivery {} is left to recovery", delivery.deliveryId());
        }
    }

    /** Deliveries cancelled in the database: stop retrying them here. */
    public void cancelled(Collection<UUID> deliveryIds) {
        deliveryIds.stream().filter(inFlight::contains).forEach(cancelled::add);
    }

    /** Deliveries this instance is driving right now (sending, or waiting for a retry). */
    public int inFlight() {
        return inFlight.size();
    }

    /** Provider calls waiting for an answer right now. */
    public int providerCallsInFlight() {
        return providerCalls.get();
    }

    private void resolve(Delivery delivery, int lookup) {
        try {
            Optional<Contact> contact = directory.find(delivery.recipientId());
            if (contact.isEmpty()) {
                if (lookup >= CONTACT_LOOKUPS) {
                    finish(delivery, new Outcome.GaveUp(delivery, 0, "unknown-recipient",
                            "unknown-recipient: " + delivery.recipientId() + " is not in the employee directory",
                            clock.instant()));
                } else {
                    long delay = 250L << (lookup - 1);
                    scheduler.schedule(() -> executor.execute(() -> resolve(delivery, lookup + 1)), delay,
                            TimeUnit.MILLISECONDS);
                }
                return;
            }
            send(delivery, contact.get());
        } catch (RuntimeException e) {
            log.error("could not dispatch delivery {}; recovery will retry it", delivery.deliveryId(), e);
            inFlight.remove(delivery.deliveryId());
        }
    }

    private void send(Delivery delivery, Contact contact) {
        Channel channel = delivery.channel();
        if (contact.erased()) {
            finish(delivery, new Outcome.Skipped(delivery, "erased: the recipient's personal data was erased",
                    clock.instant()));
            return;
        }
        if (!contact.wants(channel)) {
            finish(delivery, new Outcome.Skipped(delivery, "opted-out: the recipient does not want " + channel,
                    clock.instant()));
            return;
        }
        String address = contact.addressFor(channel);
        if (address == null) {
            finish(delivery, new Outcome.Skipped(delivery, "no-address: the recipient has no " + channel + " address",
                    clock.instant()));
            return;
        }
        ResilientChannel resilient = channels.get(channel);
        if (resilient == null) {
            finish(delivery, new Outcome.GaveUp(delivery, 0, "no-provider", "no-provider: none configured for "
                    + channel, clock.instant()));
            return;
        }
        String employeeName = delivery.employeeId().equals(contact.employeeId()) ? contact.name()
                : directory.find(delivery.employeeId()).map(Contact::name).orElse(null);
        OutgoingMessage message = renderer.render(delivery, contact, address, employeeName);
        providerCalls.incrementAndGet();
        resilient.send(message, new ResilientChannel.Attempts() {
            @Override
            public void retrying(int attempt, Throwable cause, Duration delay) {
                outcomes.record(new Outcome.AttemptFailed(delivery, attempt,
                        ResilientChannel.withoutAddress(ResilientChannel.describe(cause), address), clock.instant()));
            }

            @Override
            public boolean stillWanted() {
                if (!running || cancelled.contains(delivery.deliveryId())) {
                    return false;
                }
                return store.status(delivery.deliveryId()).map(DeliveryStatus::isOpen).orElse(false);
            }
        }).whenComplete((result, error) -> {
            providerCalls.decrementAndGet();
            if (error != null) {
                log.error("delivery {} ended unexpectedly; recovery will retry it", delivery.deliveryId(), error);
                release(delivery);
            } else if (result.succeeded()) {
                finish(delivery, new Outcome.Sent(delivery, result.attempts(), address,
                        result.receipt().providerMessageId(), clock.instant()));
            } else if (result.failure() instanceof ResilientChannel.Abandoned) {
                release(delivery);
            } else {
                Throwable failure = result.failure();
                finish(delivery, new Outcome.GaveUp(delivery, result.attempts(), failure.getClass().getName(),
                        ResilientChannel.withoutAddress(ResilientChannel.describe(failure), address),
                        clock.instant()));
            }
        });
    }

    private void finish(Delivery delivery, Outcome outcome) {
        outcomes.record(outcome);
        release(delivery);
    }

    private void release(Delivery delivery) {
        inFlight.remove(delivery.deliveryId());
        cancelled.remove(delivery.deliveryId());
    }

    @Override
    public void start() {
        running = true;
    }

    /** Stops taking new deliveries; waits a little for calls in flight, the rest is left to recovery. */
    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (providerCalls.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the outcome writer (so its last outcomes are written) and before the event processors. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
