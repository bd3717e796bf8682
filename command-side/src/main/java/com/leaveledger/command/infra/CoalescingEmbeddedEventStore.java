package com.leaveledger.command.infra;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's {@link EmbeddedEventStore} whose event producer is woken at most once per {@code window} after commits,
 * instead of after every commit.
 *
 * <p>The producer is the thread that reads newly stored events for the tailing processors (here the Kafka publisher).
 * Axon wakes it after each committed unit of work, and each wake-up costs a transaction with two or three queries
 * (the events after the last token, then an empty read that ends the batch, and the engine's gap check). At 500
 * commands/s that was about half of all the database's transactions, one read per event stored. Waking it once per
 * window lets one read take the events of every command committed in that window; the price is at most
 * {@code window} more between commit and Kafka. Nothing is lost by a skipped wake-up: the first commit of a window
 * schedules the wake-up, and the read that follows takes everything stored until then (the producer also polls on
 * its own every {@code fetchDelay}). A zero window wakes it after every commit, as Axon does.
 */
final class CoalescingEmbeddedEventStore extends EmbeddedEventStore {

    private final long windowNanos;
    private final AtomicBoolean wakeUpScheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    CoalescingEmbeddedEventStore(Builder builder, Duration window) {
        super(builder);
        this.windowNanos = window.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "event-store-wake-up");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (windowNanos <= 0) {
            super.afterCommit(events);
        } else if (wakeUpScheduled.compareAndSet(false, true)) {
            try {
                // Cleared before the wake-up: a commit that lands while the producer reads schedules the next one.
                timer.schedule(() -> {
                    wakeUpScheduled.set(false);
                    super.afterCommit(events);
                }, windowNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                wakeUpScheduled.set(false);
                super.afterCommit(events);
            }
        }
    }

    @Override
    public void shutDown() {
        timer.shutdownNow();
        super.shutDown();
    }
}
