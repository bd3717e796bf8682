package com.leaveledger.command.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class PublicationMonitorTest {

    private final FakeStore store = new FakeStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2031-03-03T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PublicationMonitor monitor = new PublicationMonitor(store, Optional::empty, registry, clock,
            Duration.ofSeconds(5), Duration.ofMinutes(15));

    @Test
    void theLagIsTheHeadMinusTheSlowestSegmentAndTheAgeThatOfTheOldestUnpublishedEvent() {
        for (long index = 1; index <= 10; index++) {
            store.event(index, clock.instant().minusSeconds(100 - index));
        }
        store.tokens.put(0, token(10));
        store.tokens.put(1, token(7));

        PublicationMonitor.Sample sample = monitor.sampleOnce();

        assertThat(sample.head()).isEqualTo(10);
        assertThat(sample.position()).isEqualTo(7);
        assertThat(sample.lag()).isEqualTo(3);
        assertThat(sample.oldestUnpublishedAgeSeconds()).isEqualTo(92.0);
        assertThat(registry.get("ledger.publisher.lag.events").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("ledger.publisher.oldest.unpublished.age").timeGauge().value()).isEqualTo(92.0);

        store.tokens.put(1, token(10));
        sample = monitor.sampleOnce();
        assertThat(sample.lag()).isZero();
        assertThat(sample.oldestUnpublishedAgeSeconds()).isZero();
    }

    @Test
    void anEventCommittedLateIntoAGapTheTokenStillWaitsForIsUnpublishedButNotMissed() {
        store.event(1, clock.instant());
        store.tokens.put(0, token(1));
        monitor.sampleOnce();
        store.event(3, clock.instant());
        store.tokens.put(0, token(3, 2));
        clock.advance(Duration.ofSeconds(5));
        monitor.sampleOnce();

        clock.advance(Duration.ofSeconds(70));
        store.event(2, clock.instant().minusSeconds(75));
        PublicationMonitor.Sample sample = monitor.sampleOnce();
        assertThat(sample.lag()).isZero();
        assertThat(sample.gaps()).isEqualTo(1);
        assertThat(sample.oldestUnpublishedAgeSeconds()).isEqualTo(75.0);

        store.tokens.put(0, token(3));
        clock.advance(Duration.ofSeconds(5));
        sample = monitor.sampleOnce();
        assertThat(sample.oldestUnpublishedAgeSeconds()).isZero();
        assertThat(missed()).isZero();
    }

    @Test
    void anEventCommittedIntoAGapTheTokenGaveUpIsCountedAsMissed() {
        store.event(1, clock.instant());
        store.tokens.put(0, token(1));
        monitor.sampleOnce();
        store.event(4, clock.instant());
        store.tokens.put(0, token(4, 2, 3));
        monitor.sampleOnce();
        // Axon dropped the gaps (gap time-out); index 3 stays empty for good, index 2 commits late
        store.tokens.put(0, token(4));
        clock.advance(Duration.ofSeconds(65));
        monitor.sampleOnce();
        store.event(2, clock.instant().minusSeconds(66));

        monitor.sampleOnce();

        assertThat(missed()).isEqualTo(1.0);
        monitor.sampleOnce();
        assertThat(missed()).as("counted once").isEqualTo(1.0);
    }

    @Test
    void anIndexPassedWithoutAGapIsWatchedUntilTheWatchEnds() {
        store.event(1, clock.instant());
        store.tokens.put(0, token(1));
        monitor.sampleOnce();
        // read more than a minute after it was stored, event 5 advanced the token without gaps
        store.event(5, clock.instant().minusSeconds(120));
        store.tokens.put(0, token(5));
        monitor.sampleOnce();

        store.event(3, clock.instant());
        monitor.sampleOnce();
        assertThat(missed()).isEqualTo(1.0);

        clock.advance(Duration.ofMinutes(16));
        monitor.sampleOnce();
        store.event(4, clock.instant());
        monitor.sampleOnce();
        assertThat(missed()).as("index 4 was no longer watched").isEqualTo(1.0);
    }

    @Test
    void aPublisherResetToRepublishIsNotAMiss() {
        for (long index = 1; index <= 5; index++) {
            store.event(index, clock.instant());
        }
        store.tokens.put(0, token(5));
        monitor.sampleOnce();
        store.event(8, clock.instant());
        store.tokens.put(0, token(8));
        monitor.sampleOnce();
        store.tokens.put(0, token(2));
        monitor.sampleOnce();
        store.event(7, clock.instant());
        store.tokens.put(0, token(8));

        PublicationMonitor.Sample sample = monitor.sampleOnce();

        assertThat(sample.position()).isEqualTo(8);
        assertThat(missed()).isZero();
    }

    private double missed() {
        return registry.get("ledger.publisher.missed.events").counter().count();
    }

    private static TrackingToken token(long index, long... gaps) {
        TreeSet<Long> set = new TreeSet<>();
        for (long gap : gaps) {
            set.add(gap);
        }
        return GapAwareTrackingToken.newInstance(index, set);
    }

    private static final class FakeStore implements PublicationStore {

        private final TreeMap<Long, Instant> events = new TreeMap<>();
        private final Map<Integer, TrackingToken> tokens = new HashMap<>();

        void event(long index, Instant timestamp) {
            events.put(index, timestamp);
        }

        @Override
        public long head() {
            return events.isEmpty() ? 0 : events.lastKey();
        }

        @Override
        public Map<Integer, TrackingToken> storedTokens() {
            return new HashMap<>(tokens);
        }

        @Override
        public Optional<Instant> oldestUnpublished(long position, Collection<Long> gaps) {
            List<Instant> unpublished = new ArrayList<>(events.tailMap(position, false).values());
            gaps.stream().map(events::get).filter(t -> t != null).forEach(unpublished::add);
            return unpublished.stream().min(Instant::compareTo);
        }

        @Override
        public List<Long> missing(long after, long upTo, int maxRange) {
            List<Long> missing = new ArrayList<>();
            for (long index = after + 1; index <= upTo; index++) {
                if (!events.containsKey(index)) {
                    missing.add(index);
                }
            }
            return missing;
        }

        @Override
        public Map<Long, StoredEvent> existing(Collection<Long> globalIndices) {
            return globalIndices.stream().filter(events::containsKey).collect(Collectors.toMap(Function.identity(),
                    index -> new StoredEvent(index, "event-" + index, "SomeEvent", "aggregate",
                            events.get(index).toString())));
        }
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
