package com.leaveledger.query.admin;

import com.leaveledger.support.infra.PeriodicWork;
import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.replay.ProcessorPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each projection's processor lag and dead letters as gauges, sampled every {@code interval} (5 s) instead of on
 * every scrape: the lag is what {@code GET /admin/projections} shows ({@link ProcessorPositions}: the topic's end
 * offsets against the processor's tokens, overlaid with the live status of the segments this instance runs).
 * <ul>
 *   <li>{@code ledger.projection.lag.events{projection}}: records on the topic not yet passed by every segment;</li>
 *   <li>{@code ledger.projection.dead_letters{projection}}: letters in the projection's dead-letter queue;</li>
 *   <li>{@code ledger.projection.running{projection}}: 1 while the processor runs here without error.</li>
 * </ul>
 * Until the first sample and while Kafka cannot be asked for its offsets the lag is NaN (no value is better than a
 * stale one); the last sample's failure is logged once.
 */
public class ProjectionMetrics extends PeriodicWork {

    private final ProjectionCatalog catalog;
    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final JdbcTemplate jdbc;
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();

    public ProjectionMetrics(ProjectionCatalog catalog, EventProcessingConfiguration processing,
                             ProcessorPositions positions, JdbcTemplate jdbc, MeterRegistry registry,
                             Duration interval) {
        super("projection-metrics", Duration.ZERO, interval, "the lag gauges are NaN until it works");
        this.catalog = catalog;
        this.processing = processing;
        this.positions = positions;
        this.jdbc = jdbc;
        for (ProjectionDefinition projection : catalog.all()) {
            String name = projection.name();
            figures.put(name, Figures.UNKNOWN);
            Gauge.builder("ledger.projection.lag.events", figures, f -> f.get(name).lag())
                    .description("Records on the events topic the projection's processor has not passed yet")
                    .tag("projection", name).register(registry);
            Gauge.builder("ledger.projection.dead_letters", figures, f -> f.get(name).deadLetters())
                    .description("Events in the projection's dead-letter queue")
                    .tag("projection", name).register(registry);
            Gauge.builder("ledger.projection.running", figures, f -> f.get(name).running())
                    .description("1 while the projection's processor runs on this instance without error")
                    .tag("projection", name).register(registry);
        }
    }

    /** One sample of every projection. Public for tests. */
    public void sampleOnce() {
        Map<String, Long> deadLetters = new HashMap<>();
        jdbc.query("select processing_group, count(*) from dead_letter_entry group by processing_group",
                rs -> {
                    deadLetters.put(rs.getString(1), rs.getLong(2));
                });
        for (ProjectionDefinition projection : catalog.all()) {
            double running = processing.eventProcessor(projection.name(), StreamingEventProcessor.class)
                    .map(p -> p.isRunning() && !p.isError() ? 1.0 : 0.0).orElse(0.0);
            figures.put(projection.name(), figures.get(projection.name())
                    .with(deadLetters.getOrDefault(projection.name(), 0L), running));
        }
        // the topic's end offsets come from Kafka: if it cannot answer, the dead letters above are still fresh
        Map<Integer, Long> ends = positions.endOffsets();
        for (ProjectionDefinition projection : catalog.all()) {
            Optional<StreamingEventProcessor> processor =
                    processing.eventProcessor(projection.name(), StreamingEventProcessor.class);
            double lag = positions.position(projection.name(), processor).lag(ends);
            figures.put(projection.name(), figures.get(projection.name()).withLag(lag));
        }
    }

    @Override
    protected void runOnce() {
        sampleOnce();
    }

    @Override
    protected void failed(RuntimeException cause) {
        figures.replaceAll((name, f) -> f.withLag(Double.NaN));
    }

    private record Figures(double lag, double deadLetters, double running) {

        static final Figures UNKNOWN = new Figures(Double.NaN, Double.NaN, 0);

        Figures with(long deadLetters, double running) {
            return new Figures(lag, deadLetters, running);
        }

        Figures withLag(double lag) {
            return new Figures(lag, deadLetters, running);
        }
    }
}
