package com.leaveledger.bench;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of the run (warm-up or measured) saw: latency histograms in microseconds per
 * command kind, for accepted commands and for every answered command, and counts by outcome.
 */
final class LoadStats {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Map<Workload.Kind, Histogram> accepted = new EnumMap<>(Workload.Kind.class);
    private final Histogram answered = histogram();
    private final Map<Workload.Kind, LongAdder> sent = new EnumMap<>(Workload.Kind.class);
    private final LongAdder refused = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> transportErrors = new ConcurrentHashMap<>();
    private final AtomicLong lastCompletionNanos = new AtomicLong(Long.MIN_VALUE);
    /** Worst latency by second of intended send time ({@code System.nanoTime() / 1e9}): where the stalls were. */
    private final Map<Long, LongAccumulator> worstBySecond = new ConcurrentHashMap<>();

    LoadStats() {
        for (Workload.Kind kind : Workload.Kind.values()) {
            accepted.put(kind, histogram());
            sent.put(kind, new LongAdder());
        }
    }

    void recordSent(Workload.Kind kind) {
        sent.get(kind).increment();
    }

    void accepted(Workload.Kind kind, int status, long latencyMicros, long completedNanos) {
        accepted.get(kind).recordValue(Math.min(latencyMicros, HIGHEST_MICROS));
        answered(status, latencyMicros, completedNanos);
    }

    void refused(Workload.Kind kind, int status, String problem, long latencyMicros, long completedNanos) {
        refused.increment();
        refusals.computeIfAbsent(kind.name().toLowerCase() + " " + status + " " + problem, k -> new LongAdder()).increment();
        answered(status, latencyMicros, completedNanos);
    }

    void failed(Workload.Kind kind, String description, long completedNanos) {
        errors.increment();
        transportErrors.computeIfAbsent(kind.name().toLowerCase() + " " + description, k -> new LongAdder()).increment();
        lastCompletionNanos.accumulateAndGet(completedNanos, Math::max);
    }

    private void answered(int status, long latencyMicros, long completedNanos) {
        answered.recordValue(Math.min(latencyMicros, HIGHEST_MICROS));
        worstBySecond.computeIfAbsent(Math.floorDiv(completedNanos - latencyMicros * 1_000, 1_000_000_000L),
                second -> new LongAccumulator(Math::max, 0)).accumulate(latencyMicros);
        byStatus.computeIfAbsent(status, k -> new LongAdder()).increment();
        lastCompletionNanos.accumulateAndGet(completedNanos, Math::max);
    }

    long sent() {
        return sent.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long sent(Workload.Kind kind) {
        return sent.get(kind).sum();
    }

    long acceptedCount() {
        return accepted.values().stream().mapToLong(Histogram::getTotalCount).sum();
    }

    long acceptedCount(Workload.Kind kind) {
        return accepted.get(kind).getTotalCount();
    }

    long refusedCount() {
        return refused.sum();
    }

    long errorCount() {
        return errors.sum();
    }

    long lastCompletionNanos() {
        return lastCompletionNanos.get();
    }

    Histogram accepted(Workload.Kind kind) {
        return accepted.get(kind);
    }

    Histogram acceptedAll() {
        Histogram all = histogram();
        accepted.values().forEach(all::add);
        return all;
    }

    Histogram answered() {
        return answered;
    }

    /**
     * The {@code limit} seconds with the worst latency, as (seconds after {@code originNanos}, worst latency in
     * microseconds), worst first.
     */
    List<Map.Entry<Long, Long>> worstSeconds(long originNanos, int limit) {
        return worstBySecond.entrySet().stream()
                .map(e -> Map.entry(Math.floorDiv(e.getKey() * 1_000_000_000L - originNanos, 1_000_000_000L),
                        e.getValue().get()))
                .sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    List<Map.Entry<String, Long>> topRefusals(int limit) {
        return sorted(refusals).stream().limit(limit).toList();
    }

    List<Map.Entry<String, Long>> topTransportErrors(int limit) {
        return sorted(transportErrors).stream().limit(limit).toList();
    }

    private static <K> List<Map.Entry<K, Long>> sorted(Map<K, LongAdder> counts) {
        return counts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder()))
                .toList();
    }

    private static Histogram histogram() {
        return new ConcurrentHistogram(1, HIGHEST_MICROS, 3);
    }
}
