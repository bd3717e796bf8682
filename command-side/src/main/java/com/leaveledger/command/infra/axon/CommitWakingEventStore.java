package com.leaveledger.command.infra.axon;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The command side's event store: Axon's {@link AbstractEventStore} (append, aggregate reads, snapshots, tokens) whose
 * tracking streams read the storage engine themselves and are woken by commits, at most once per {@code window}.
 *
 * <p>In place of Axon's {@code EmbeddedEventStore}, whose shared cache of recent events is a linked list: a node
 * dropped from the cache keeps its {@code next} reference, so once a dropped node has been promoted to the old
 * generation it keeps every younger node — and its event — reachable for the young collector. Every young collection
 * then copied all events stored since the previous one, whatever the cache size (ADR 0014). The cache only pays when
 * several processors tail the store; here one does, the Kafka publisher.
 *
 * <p>A stream reads {@code storageEngine().readEvents(token, false)} and, when it has read everything, waits for the
 * next wake-up (or the caller's timeout, after which the caller asks again and the stream reads again) and then reads
 * again from the last event it handed out. The first commit of a window schedules the wake-up, and the read that
 * follows takes every event committed until then; a zero window wakes the streams after every commit. A stream
 * whose last read found nothing waits for a wake-up instead of reading again, for up to 500 ms; commits of other
 * instances wake nobody here, so they are read within about a second (the tracking processor asks once a second
 * while idle), as Axon's store polled once a second.
 */
public final class CommitWakingEventStore extends AbstractEventStore implements Lifecycle {

    /** A read that found nothing new is trusted this long; after it, a stream reads again even without a wake-up. */
    private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final long windowNanos;
    private final AtomicBoolean wakeUpScheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private volatile long wakeUps;
    private volatile boolean shutDown;

    private CommitWakingEventStore(Builder builder) {
        super(builder);
        this.windowNanos = builder.window.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-store-wake-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new WakingStream(trackingToken);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (windowNanos <= 0) {
            wakeUp();
        } else if (wakeUpScheduled.compareAndSet(false, true)) {
            try {
                // Cleared before the wake-up: a commit that lands while the streams read schedules the next one.
                timer.schedule(() -> {
                    wakeUpScheduled.set(false);
                    wakeUp();
                }, windowNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                wakeUpScheduled.set(false);
                wakeUp();
            }
        }
    }

    private void wakeUp() {
        lock.lock();
        try {
            wakeUps++;
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a wake-up after {@code seen}, the shut-down, or the timeout. */
    private void awaitWakeUpAfter(long seen, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (wakeUps == seen && !shutDown && remaining > 0) {
                remaining = committed.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 10, this::shutDown);
    }

    /** Stops the wake-up timer and releases every waiting stream. */
    void shutDown() {
        shutDown = true;
        timer.shutdownNow();
        wakeUp();
    }

    /** One processor thread's stream; not shared between threads, as Axon's processors use it. */
    private final class WakingStream implements TrackingEventStream {

        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> events;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;
        /** The wake-up count before the last read that found nothing new, and when it ran. */
        private long emptyAfterWakeUp = -1;
        private long emptyAtNanos;

        private WakingStream(TrackingToken startAfter) {
            this.lastToken = startAfter;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peeked != null || readNext() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                // Read before the query: a commit that the query misses has not woken anyone yet.
                long seen = wakeUps;
                if (peeked != null) {
                    return true;
                }
                // The read that ended the last batch found nothing and no commit has woken us since: wait instead of
                // asking again (other instances' commits wake nobody here: read anyway once that read is stale).
                boolean nothingNew = emptyAfterWakeUp == seen && System.nanoTime() - emptyAtNanos < STALE_NANOS;
                if (!nothingNew && readNext()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0 || shutDown) {
                    return false;
                }
                // At most until the last empty read is stale: a long wait still reads other instances' commits.
                awaitWakeUpAfter(seen, Math.min(remaining, STALE_NANOS));
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                // only returns false on shut-down or after Integer.MAX_VALUE ms; ask again
                if (shutDown) {
                    throw new InterruptedException("the event store is shutting down");
                }
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            lastToken = next.trackingToken();
            return next;
        }

        /** Takes the next stored event into {@code peeked}, reading the store again from the last one handed out. */
        private boolean readNext() {
            if (iterator == null) {
                events = storageEngine().readEvents(lastToken, false);
                iterator = events.iterator();
            }
            long seen = wakeUps;
            if (iterator.hasNext()) {
                peeked = iterator.next();
                return true;
            }
            emptyAfterWakeUp = seen;
            emptyAtNanos = System.nanoTime();
            closeEvents();
            return false;
        }

        private void closeEvents() {
            if (events != null) {
                events.close();
            }
            events = null;
            iterator = null;
        }

        @Override
        public void close() {
            closeEvents();
        }
    }

    /** Builds the store as Axon's auto-configuration builds its own: engine, message monitor, span factory. */
    public static final class Builder extends AbstractEventStore.Builder {

        private Duration window = Duration.ofMillis(20);

        @Override
        public Builder storageEngine(EventStorageEngine storageEngine) {
            super.storageEngine(storageEngine);
            return this;
        }

        @Override
        public Builder messageMonitor(MessageMonitor<? super EventMessage<?>> messageMonitor) {
            super.messageMonitor(messageMonitor);
            return this;
        }

        @Override
        public Builder spanFactory(org.axonframework.eventhandling.EventBusSpanFactory spanFactory) {
            super.spanFactory(spanFactory);
            return this;
        }

        /** How long after a commit the streams are woken; the commits of that window share one read. */
        public Builder wakeUpWindow(Duration window) {
            this.window = window;
            return this;
        }

        public CommitWakingEventStore build() {
            validate();
            return new CommitWakingEventStore(this);
        }
    }
}
