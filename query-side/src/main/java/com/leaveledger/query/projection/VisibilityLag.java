package com.leaveledger.query.projection;

import com.leaveledger.query.infra.kafka.PublishedEventMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * How long an event takes from being stored on the command side (its timestamp, set while the command runs) to
 * being visible in a read model (the projection's transaction committed): the end-to-end lag of BRIEF §10. Recorded
 * per projection as the Micrometer timer {@code ledger.projection.visibility} and in a resettable histogram the admin
 * API shows (benchmarks reset it before a run); a second histogram starts at the Kafka record's timestamp, the query
 * side's own part.
 */
public class VisibilityLag {

    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(24);

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, Window> fromPublished = new ConcurrentHashMap<>();

    public VisibilityLag(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records, after the batch committed, the lag of every event of the batch. */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor(String projection) {
        Timer timer = timers.computeIfAbsent(projection, p -> Timer.builder("ledger.projection.visibility")
                .description("Event timestamp to read-model commit")
                .tag("projection", p)
                .publishPercentiles(0.5, 0.99)
                .register(registry));
        Window window = windows.computeIfAbsent(projection, p -> new Window());
        Window published = fromPublished.computeIfAbsent(projection, p -> new Window());
        return new MessageHandlerInterceptor<>() {
            @Override
            public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                 InterceptorChain interceptorChain) throws Exception {
                EventMessage<?> message = unitOfWork.getMessage();
                Instant stored = message.getTimestamp();
                Instant publishedAt = message instanceof PublishedEventMessage<?> p ? p.publishedAt() : null;
                unitOfWork.afterCommit(u -> {
                    Instant now = Instant.now();
                    Duration lag = Duration.between(stored, now);
                    timer.record(lag);
                    window.record(lag);
                    if (publishedAt != null) {
                        published.record(Duration.between(publishedAt, now));
                    }
                });
                return interceptorChain.proceed();
            }
        };
    }

    /** Event stored → read model committed: percentiles since the last reset. */
    public Snapshot snapshot(String projection) {
        Window window = windows.get(projection);
        return window == null ? Snapshot.EMPTY : window.snapshot();
    }

    /** Record published on Kafka → read model committed: the query side's own part of the lag. */
    public Snapshot fromPublished(String projection) {
        Window window = fromPublished.get(projection);
        return window == null ? Snapshot.EMPTY : window.snapshot();
    }

    public void reset() {
        windows.values().forEach(Window::reset);
        fromPublished.values().forEach(Window::reset);
    }

    public record Snapshot(long count, double p50Ms, double p99Ms, double maxMs, Instant since) {

        static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0, null);
    }

    private static final class Window {

        private final Recorder recorder = new Recorder(3);
        private final Histogram total = new Histogram(3);
        private Instant since = Instant.now();

        void record(Duration lag) {
            recorder.recordValue(Math.max(0, Math.min(MAX_MICROS, lag.toNanos() / 1_000)));
        }

        synchronized Snapshot snapshot() {
            total.add(recorder.getIntervalHistogram());
            if (total.getTotalCount() == 0) {
                return new Snapshot(0, 0, 0, 0, since);
            }
            return new Snapshot(total.getTotalCount(), total.getValueAtPercentile(50) / 1000.0,
                    total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0, since);
        }

        synchronized void reset() {
            recorder.reset();
            total.reset();
            since = Instant.now();
        }
    }
}
