package com.leaveledger.command.infra;

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
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The producer of {@link CoalescingEmbeddedEventStore} reads once per window instead of once per commit, and a
 * tailing reader still receives every event, in order, including one committed alone.
 */
class CoalescingEmbeddedEventStoreTest {

    /** Axon's in-memory engine, counting the reads of the store's producer (the only caller with mayBlock = true). */
    private static final class CountingEngine extends InMemoryEventStorageEngine {
        final AtomicInteger producerReads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            if (mayBlock) {
                producerReads.incrementAndGet();
            }
            return super.readEvents(trackingToken, mayBlock);
        }
    }

    private final CountingEngine engine = new CountingEngine();
    private CoalescingEmbeddedEventStore store;

    private CoalescingEmbeddedEventStore store(Duration window) {
        store = new CoalescingEmbeddedEventStore(EmbeddedEventStore.builder().storageEngine(engine), window);
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
        CoalescingEmbeddedEventStore store = store(Duration.ofMillis(200));
        TailingReader reader = new TailingReader(store);
        store.publish(GenericEventMessage.asEventMessage("first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 1);
        int readsBefore = engine.producerReads.get();

        for (int i = 0; i < 50; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == 51);
        List<Object> expected = new ArrayList<>(List.of("first"));
        for (int i = 0; i < 50; i++) {
            expected.add("event-" + i);
        }
        assertThat(reader.payloads()).containsExactlyElementsOf(expected);
        // 50 commits in well under one window: one wake-up (a read of the events plus at most an empty one), where
        // Axon's own store wakes its producer after each of the 50.
        assertThat(engine.producerReads.get() - readsBefore).isLessThanOrEqualTo(4);
        reader.close();
    }

    @Test
    void aZeroWindowWakesTheProducerAfterEveryCommitLikeAxon() throws Exception {
        CoalescingEmbeddedEventStore store = store(Duration.ZERO);
        TailingReader reader = new TailingReader(store);
        for (int i = 0; i < 5; i++) {
            store.publish(GenericEventMessage.asEventMessage("event-" + i));
            int expected = i + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> reader.payloads().size() == expected);
        }
        assertThat(reader.payloads()).containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
        reader.close();
    }

    /** Reads the store's stream on its own thread, as a tracking processor does. */
    private static final class TailingReader implements AutoCloseable {
        private final List<Object> payloads = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        TailingReader(EmbeddedEventStore store) {
            var stream = store.openStream(null);
            thread = new Thread(() -> {
                try (stream) {
                    while (running) {
                        if (stream.hasNextAvailable(50, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
            thread.join(5_000);
        }
    }
}
