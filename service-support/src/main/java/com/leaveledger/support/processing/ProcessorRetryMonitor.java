package com.leaveledger.support.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * How long each processor has been retrying the same batch: gauge {@code ledger.processor.retrying} (seconds,
 * {@code ledger_processor_retrying_seconds{processor}} in Prometheus), 0 while every segment handles its events.
 * <p>
 * A tracking processor whose batch fails marks the segment in error, waits (1, 2, 4 … 60 s) and reads the same
 * events again; it stays in error until a batch succeeds. An event no handler can apply and that is not
 * dead-lettered keeps it there for good, and everything behind it waits. The processor tells its status changes
 * to {@link #listener(String)} (Axon's {@link EventTrackerStatusChangeListener}), which notes when a segment went
 * into error; the gauge reads the processor's live status, so a segment that recovered, was released or stopped
 * counts 0. Alert ProcessorRetrying fires above 60 s (docker/prometheus/alerts.yml, docs/observability.md).
 */
public class ProcessorRetryMonitor {

    private final Clock clock;
    private final Function<String, Optional<StreamingEventProcessor>> processors;
    private final MeterRegistry registry;
    private final Map<String, Long> failingSince = new ConcurrentHashMap<>();

    public ProcessorRetryMonitor(Function<String, Optional<StreamingEventProcessor>> processors,
                                 MeterRegistry registry, Clock clock) {
        this.processors = processors;
        this.registry = registry;
        this.clock = clock;
    }

    /** The listener to configure on processor {@code processor}; registers its gauge. */
    public EventTrackerStatusChangeListener listener(String processor) {
        Gauge.builder("ledger.processor.retrying", this, monitor -> monitor.retryingSeconds(processor))
                .description("How long the processor has been retrying the same batch of events (0: it is not)")
                .baseUnit("seconds")
                .tag("processor", processor)
                .register(registry);
        return changes -> changes.forEach((segment, status) -> {
            String key = key(processor, segment);
            if (status.isErrorState()) {
                failingSince.putIfAbsent(key, clock.millis());
            } else {
                failingSince.remove(key);
            }
        });
    }

    /** Seconds the processor's longest-failing segment on this instance has been retrying; 0 if none is. */
    public double retryingSeconds(String processor) {
        Optional<StreamingEventProcessor> found = processors.apply(processor);
        if (found.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        long longest = 0;
        Map<Integer, EventTrackerStatus> statuses = found.get().processingStatus();
        for (Map.Entry<Integer, EventTrackerStatus> entry : statuses.entrySet()) {
            String key = key(processor, entry.getKey());
            if (!entry.getValue().isErrorState()) {
                failingSince.remove(key);
                continue;
            }
            long since = failingSince.computeIfAbsent(key, k -> now);
            longest = Math.max(longest, now - since);
        }
        failingSince.keySet().removeIf(key -> key.startsWith(processor + "/")
                && !statuses.containsKey(Integer.parseInt(key.substring(processor.length() + 1))));
        return longest / 1000.0;
    }

    private static String key(String processor, int segment) {
        return processor + "/" + segment;
    }
}
