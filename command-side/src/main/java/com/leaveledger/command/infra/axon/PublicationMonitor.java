package com.leaveledger.command.infra.axon;

import com.leaveledger.support.infra.PeriodicWork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Kafka publisher, the streaming processor that copies the event store to Kafka (ADR 0005), and
 * detects publication gaps. Every {@code interval} (5 s) it reads, with a few index lookups, the event store's head
 * (the highest global index) and the publisher's position (the lowest position over its segments: the stored tokens,
 * overlaid with the live status of the segments this instance runs, which is fresher) and publishes them as gauges:
 * <ul>
 *   <li>{@code ledger.publisher.head}, {@code ledger.publisher.position}, {@code ledger.publisher.lag.events}
 *       (head − position);</li>
 *   <li>{@code ledger.publisher.oldest.unpublished.age} (seconds): how long the oldest stored event not yet published
 *       has waited — one after the position, or one committed late into a gap the tokens still wait for. 0 when
 *       everything is published. The alert {@code PublisherGap} fires when it passes 60 s;</li>
 *   <li>{@code ledger.publisher.token.gaps}, {@code ledger.publisher.segments.claimed},
 *       {@code ledger.publisher.segments.in_error} (Axon's processor status on this instance).</li>
 * </ul>
 * <p>
 * <b>Missed events.</b> The gap-aware token remembers the global indices it passed without an event (a transaction
 * still running holds them) and reads them again later — but only for a while: Axon drops a gap after its gap
 * time-out, and an event read more than a minute after it was stored advances the token without gaps. An event that
 * commits into a dropped gap is never published. This monitor therefore keeps the indices the publisher passed
 * without an event ({@code missing}) and, once no segment's token waits for one any more, watches it for
 * {@code watchFor} (15 min): an event appearing there was skipped for good. It is logged (ERROR, with its global
 * index) and counted in {@code ledger.publisher.missed.events}; the runbook
 * docs/runbooks/recovering-a-missed-publication.md says how to republish it.
 */
public class PublicationMonitor extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(PublicationMonitor.class);
    /** Gaps passed to the oldest-unpublished query at most (Axon keeps at most 10,000 per token). */
    private static final int MAX_GAPS_QUERIED = 10_000;
    /** A hole longer than this is a jump of the sequence, not events in flight. */
    private static final int MAX_HOLE = 1_000;
    /** Indices watched at most; the oldest are forgotten first. */
    private static final int MAX_WATCHED = 100_000;

    private final PublicationStore store;
    private final Supplier<Optional<StreamingEventProcessor>> processor;
    private final Clock clock;
    private final Duration watchFor;
    private final Counter missed;

    private volatile Sample sample = Sample.NONE;

    // missed-event detection, touched by the sampling thread only
    private Long scannedUpTo;
    private final Map<Long, Instant> awaited = new LinkedHashMap<>();
    private final Map<Long, Instant> watched = new LinkedHashMap<>();

    public PublicationMonitor(PublicationStore store, Supplier<Optional<StreamingEventProcessor>> processor,
                              MeterRegistry registry, Clock clock, Duration interval, Duration watchFor) {
        super("publication-monitor", Duration.ZERO, interval, "the publisher gauges keep their last values");
        this.store = store;
        this.processor = processor;
        this.clock = clock;
        this.watchFor = watchFor;
        this.missed = Counter.builder("ledger.publisher.missed.events")
                .description("Stored events the Kafka publisher passed without publishing them (committed into a "
                        + "gap after Axon dropped it)")
                .register(registry);
        Gauge.builder("ledger.publisher.head", this, m -> m.sample.head())
                .description("Highest global index in the event store").register(registry);
        Gauge.builder("ledger.publisher.position", this, m -> m.sample.position())
                .description("Global index the Kafka publisher has published up to (lowest over its segments)")
                .register(registry);
        Gauge.builder("ledger.publisher.lag.events", this, m -> m.sample.lag())
                .description("Event store head minus the publisher's position").register(registry);
        TimeGauge.builder("ledger.publisher.oldest.unpublished.age", this, TimeUnit.SECONDS,
                        m -> m.sample.oldestUnpublishedAgeSeconds())
                .description("Age of the oldest stored event not published to Kafka yet (0: none)")
                .register(registry);
        Gauge.builder("ledger.publisher.token.gaps", this, m -> m.sample.gaps())
                .description("Global indices the publisher's tokens still wait for (transactions in flight)")
                .register(registry);
        Gauge.builder("ledger.publisher.segments.claimed", this, m -> m.sample.segmentsClaimed())
                .description("Publisher segments this instance runs").register(registry);
        Gauge.builder("ledger.publisher.segments.in_error", this, m -> m.sample.segmentsInError())
                .description("Publisher segments of this instance in error (retrying)").register(registry);
    }

    /** The latest sample. */
    public Sample sample() {
        return sample;
    }

    /** One round: reads head and tokens, updates the gauges, looks for missed events. Public for tests. */
    public synchronized Sample sampleOnce() {
        Instant now = clock.instant();
        Map<Integer, TrackingToken> tokens = new TreeMap<>(store.storedTokens());
        int claimed = 0;
        int inError = 0;
        Optional<StreamingEventProcessor> local = processor.get();
        if (local.isPresent()) {
            for (Map.Entry<Integer, EventTrackerStatus> status : local.get().processingStatus().entrySet()) {
                claimed++;
                if (status.getValue().isErrorState()) {
                    inError++;
                }
                TrackingToken live = status.getValue().getTrackingToken();
                if (live != null) {
                    tokens.put(status.getKey(), live);
                }
            }
        }
        long position = tokens.values().stream().mapToLong(PublicationMonitor::position).min().orElse(0);
        SortedSet<Long> gaps = new TreeSet<>();
        tokens.values().forEach(token -> gaps.addAll(gapsOf(token)));
        long head = store.head();
        List<Long> queriedGaps = new ArrayList<>(gaps);
        if (queriedGaps.size() > MAX_GAPS_QUERIED) {
            queriedGaps = queriedGaps.subList(0, MAX_GAPS_QUERIED);
        }
        double age = store.oldestUnpublished(position, queriedGaps)
                .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0))
                .orElse(0.0);
        detectMissed(position, gaps, now);
        sample = new Sample(head, position, Math.max(0, head - position), age, gaps.size(), claimed, inError);
        return sample;
    }

    private void detectMissed(long position, SortedSet<Long> gaps, Instant now) {
        if (scannedUpTo == null) {
            // first round: watch from here on (events missed before this instance started are not looked for)
            scannedUpTo = position;
            return;
        }
        if (position < scannedUpTo) {
            // the publisher went back (reset to republish, or another instance took over a segment whose stored
            // token is older than the live one was): indices ahead of it are not passed any more
            awaited.keySet().removeIf(index -> index > position);
            watched.keySet().removeIf(index -> index > position);
            scannedUpTo = position;
        }
        if (position > scannedUpTo) {
            for (Long index : store.missing(scannedUpTo, position, MAX_HOLE)) {
                (gaps.contains(index) ? awaited : watched).put(index, now);
            }
            scannedUpTo = position;
        }
        if (awaited.isEmpty() && watched.isEmpty()) {
            return;
        }
        List<Long> candidates = new ArrayList<>(awaited.keySet());
        candidates.addAll(watched.keySet());
        Map<Long, PublicationStore.StoredEvent> present = store.existing(candidates);
        for (Iterator<Map.Entry<Long, Instant>> it = awaited.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Instant> entry = it.next();
            if (present.containsKey(entry.getKey())) {
                // committed while the tokens still wait for it: the publisher picks it up
                it.remove();
            } else if (!gaps.contains(entry.getKey())) {
                // given up by every segment while still empty: from now on an event here would be skipped
                watched.put(entry.getKey(), now);
                it.remove();
            }
        }
        for (Iterator<Map.Entry<Long, Instant>> it = watched.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Instant> entry = it.next();
            PublicationStore.StoredEvent event = present.get(entry.getKey());
            if (event != null) {
                missed.increment();
                log.error("Event {} ({}, aggregate {}, global index {}, stored {}) was committed after the Kafka "
                                + "publisher had passed its global index: it was never published. Republish from "
                                + "global index {} (docs/runbooks/recovering-a-missed-publication.md)",
                        event.eventId(), event.payloadType(), event.aggregateId(), event.globalIndex(),
                        event.timestamp(), event.globalIndex());
                it.remove();
            } else if (entry.getValue().plus(watchFor).isBefore(now)) {
                // a sequence value no transaction will ever use (rolled back, or left over at a restart)
                it.remove();
            }
        }
        while (watched.size() > MAX_WATCHED) {
            watched.remove(watched.keySet().iterator().next());
        }
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    private static SortedSet<Long> gapsOf(TrackingToken token) {
        if (token == null) {
            return new TreeSet<>();
        }
        return WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                .map(GapAwareTrackingToken::getGaps)
                .orElseGet(TreeSet::new);
    }

    @Override
    protected void runOnce() {
        sampleOnce();
    }

    /** One round's figures. */
    public record Sample(long head, long position, long lag, double oldestUnpublishedAgeSeconds, int gaps,
                         int segmentsClaimed, int segmentsInError) {

        static final Sample NONE = new Sample(0, 0, 0, 0, 0, 0, 0);
    }
}
