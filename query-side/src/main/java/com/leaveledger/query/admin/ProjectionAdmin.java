package com.leaveledger.query.admin;

import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.projection.VisibilityLag;
import com.leaveledger.query.replay.ProcessorPositions;
import com.leaveledger.query.replay.ProcessorPositions.Position;
import com.leaveledger.query.replay.ReplayCoordinator;
import com.leaveledger.query.replay.ReplayRefusedException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** What engineers see of each projection: processor state, position and lag on the topic, dead letters, replay. */
public class ProjectionAdmin {

    private final ProjectionCatalog catalog;
    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final ReplayCoordinator replays;
    private final VisibilityLag visibility;
    private final JdbcTemplate jdbc;
    private final String instanceId;

    public ProjectionAdmin(ProjectionCatalog catalog, EventProcessingConfiguration processing,
                           ProcessorPositions positions, ReplayCoordinator replays, VisibilityLag visibility,
                           JdbcTemplate jdbc, String instanceId) {
        this.catalog = catalog;
        this.processing = processing;
        this.positions = positions;
        this.replays = replays;
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.instanceId = instanceId;
    }

    public List<ProjectionStatus> all() {
        Map<Integer, Long> ends = positions.endOffsets();
        return catalog.all().stream().map(projection -> status(projection, ends)).toList();
    }

    public ProjectionStatus one(String name) {
        return status(definition(name), positions.endOffsets());
    }

    ProjectionDefinition definition(String name) {
        return catalog.find(name).orElseThrow(() -> new ReplayRefusedException(
                ReplayRefusedException.Reason.UNKNOWN_PROJECTION, name));
    }

    private ProjectionStatus status(ProjectionDefinition projection, Map<Integer, Long> ends) {
        Optional<StreamingEventProcessor> processor =
                processing.eventProcessor(projection.name(), StreamingEventProcessor.class);
        Position position = positions.position(projection.name(), processor);
        String state = processor.map(p -> p.isError() ? "ERROR" : p.isRunning() ? "RUNNING" : "STOPPED")
                .orElse("MISSING");
        int claimedHere = processor.map(p -> p.processingStatus().size()).orElse(0);
        Long deadLetters = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, projection.name());
        long topicEvents = ends.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, String> owners = new TreeMap<>();
        jdbc.query("select segment, owner from token_entry where processor_name = ?",
                (RowCallbackHandler) row -> owners.put(row.getInt("segment"), row.getString("owner")),
                projection.name());
        VisibilityLag.Snapshot lag = visibility.snapshot(projection.name());
        VisibilityLag.Snapshot ownLag = visibility.fromPublished(projection.name());
        return new ProjectionStatus(projection.name(), projection.tables(), state, position.segments().size(),
                claimedHere, instanceId, owners, position.consumed(), topicEvents, position.lag(ends), new TreeMap<>(position.offsets()),
                deadLetters == null ? 0 : deadLetters,
                new VisibilityView(lag.count(), lag.p50Ms(), lag.p99Ms(), lag.maxMs(), ownLag.p50Ms(), ownLag.p99Ms(),
                        ownLag.maxMs(), lag.since()),
                replays.progress(projection.name()).map(ReplayView::of).orElse(null));
    }

    /**
     * A projection's processor: {@code segmentsClaimedHere} by this {@code instance}, the {@code owners} of its
     * segments (instance ids from {@code token_entry}, null when unclaimed), {@code eventsHandled} records of the
     * topic passed by every segment, {@code lag} records not yet passed, {@code offsets} the last offset passed per
     * partition.
     */
    public record ProjectionStatus(String name, List<String> tables, String state, int segments,
                                   int segmentsClaimedHere, String instance, Map<Integer, String> owners,
                                   long eventsHandled, long topicEvents, long lag,
                                   Map<Integer, Long> offsets, long deadLetters, VisibilityView visibilityLag,
                                   ReplayView replay) {
    }

    /**
     * Since the last reset, in milliseconds: event stored (its timestamp) → read model committed, and the query
     * side's own part, Kafka record published → read model committed.
     */
    public record VisibilityView(long events, double p50Ms, double p99Ms, double maxMs, double fromPublishedP50Ms,
                                 double fromPublishedP99Ms, double fromPublishedMaxMs, Instant since) {
    }

    /** The latest replay of a projection with its progress. */
    public record ReplayView(String status, String phase, String requestedBy, Instant startedAt, Instant finishedAt,
                             long eventsDone, long eventsTotal, Double eventsPerSecond, Long etaSeconds,
                             long deadLetters, String detail) {

        static ReplayView of(ReplayCoordinator.Progress progress) {
            return new ReplayView(progress.replay().status(), progress.phase(), progress.replay().requestedBy(),
                    progress.replay().startedAt(), progress.replay().finishedAt(), progress.eventsDone(),
                    progress.eventsTotal(), progress.eventsPerSecond() == null ? null
                    : Math.round(progress.eventsPerSecond() * 10) / 10.0, progress.etaSeconds(),
                    progress.deadLetters(), progress.replay().detail());
        }
    }
}
