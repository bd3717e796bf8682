package com.leaveledger.command.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CommitWakingEventStore}: a stream reads once per wake-up window instead of once per commit, a reader still
 * receives every event in order (one committed alone too), a reader that starts after some events continues after
 * its token, a stream that waits is woken by a commit rather than its timeout, and one that waits long still reads
 * events stored by another instance.
 */
class CommitWakingEventStoreTest {

    /** Axon's in-memory engine, counting the streams' reads (the only callers of the tracked read). */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger trackedReads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            trackedReads.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    }

    private final CountingEngine engine = new CountingEngine();
    private CommitWakingEventStore store;

    private CommitWakingEventStore store(Duration window) {
        store = CommitWakingEventStore.builder().storageEngine(engine).wakeUpWindow(window).build();
        return store;
    }

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    @Test
    void oneReadTakesTheCommitsOfAWindowAndTheReaderSeesEveryEventInOrder() throws Exception {
        CommitWakingEventStore store = store(Duration.ofMillis(200));
        // A long wait per call: any read after the first event comes from a wake-up, not from the reader's timeout.
        TailingReader reader = new TailingReader(store, null, 60_000);
        store.publish(GenericEventMessage.asEventMessage("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 1);
        int readsBefore = engine.trackedReads.get();

        for (int i = 0; i < 50; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 51);
        List<Object> expected = new ArrayList<>(List.of("first"));
        expected.addAll(numbered(50));
        assertThat(reader.payloads()).containsExactlyElementsOf(expected);
        // 50 commits in well under one window: one wake-up (a read of the events plus at most an empty one), where
        // waking after each commit reads up to 50 times.
        assertThat(engine.trackedReads.get() - readsBefore).isLessThanOrEqualTo(4);
        reader.close();
    }

    @Test
    void aZeroWindowWakesTheStreamAfterEveryCommit() throws Exception {
        CommitWakingEventStore store = store(Duration.ZERO);
        TailingReader reader = new TailingReader(store, null, 60_000);
        for (int i = 0; i < 5; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == expected);
        }
        assertThat(reader.payloads()).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
        reader.close();
    }

    @Test
    void aStreamOpenedAtATokenContinuesAfterIt() throws Exception {
        CommitWakingEventStore store = store(Duration.ofMillis(5));
        store.publish(GenericEventMessage.asEventMessage("before-0"), GenericEventMessage.asEventMessage("before-1"));
        TrackingToken afterFirst;
        try (var stream = store.openStream(null)) {
            afterFirst = stream.nextAvailable().trackingToken();
        }
        TailingReader reader = new TailingReader(store, afterFirst, 60_000);
        store.publish(GenericEventMessage.asEventMessage("after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 2);
        assertThat(reader.payloads()).containsExactly("before-1", "after");
        reader.close();
    }

    @Test
    void aReaderWithAShortWaitStillSeesEveryEventOnce() throws Exception {
        CommitWakingEventStore store = store(Duration.ofMillis(20));
        // Times out between commits again and again, as a tracking processor does once a second when idle.
        TailingReader reader = new TailingReader(store, null, 1);
        for (int i = 0; i < 20; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() >= 20);
        assertThat(reader.payloads()).containsExactlyElementsOf(numbered(20));
        reader.close();
    }

    @Test
    void aStreamWaitingLongStillReadsEventsThatNoCommitHereAnnounced() throws Exception {
        CommitWakingEventStore store = store(Duration.ofMillis(20));
        TailingReader reader = new TailingReader(store, null, 60_000);
        store.publish(GenericEventMessage.asEventMessage("here"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 1);

        // Stored by another instance: straight into the engine, so no commit of this store wakes the stream.
        engine.appendEvents(GenericEventMessage.asEventMessage("elsewhere"));

        await().atMost(Duration.ofSeconds(5)).until(() -> reader.payloads().size() == 2);
        assertThat(reader.payloads()).containsExactly("here", "elsewhere");
        reader.close();
    }

    /** "event-0" … "event-(count-1)": the payloads the tests publish in a loop. */
    private static List<Object> numbered(int count) {
        List<Object> payloads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            payloads.add("event-" + i);
        }
        return payloads;
    }

    /** Reads the store's stream on its own thread, as a tracking processor does. */
    private static final class TailingReader implements AutoCloseable {
        private final List<Object> payloads = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        TailingReader(CommitWakingEventStore store, TrackingToken start, int waitMillis) {
            var stream = store.openStream(start);
            thread = new Thread(() -> {
                try (stream) {
                    while (running) {
                        if (stream.hasNextAvailable(waitMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            Object payload = stream.nextAvailable().getPayload();
                            synchronized (payloads) {
                                payloads.add(payload);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "tailing-reader");
            thread.start();
        }

        List<Object> payloads() {
            synchronized (payloads) {
                return List.copyOf(payloads);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
