package com.leaveledger.query.replay;

import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.replay.ProcessorPositions.Position;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds projections from the start of the topic while their live tables keep answering, then switches over
 * (ADR 0011, runbook docs/runbooks/replaying-a-projection.md).
 * <ol>
 *     <li><b>Start</b>: one transaction records the replay in {@code projection_replay}, forgets the replay processor's
 *     old tokens and dead letters and creates empty shadow tables; then the replay processor starts at offset 0.</li>
 *     <li><b>Rebuild</b>: the replay processor fills the shadow tables; each batch commits its rows with its token, so
 *     stopping the service at any moment loses nothing: on start (on any instance) a monitor finds the replay in
 *     {@code projection_replay} and resumes it from its tokens.</li>
 *     <li><b>Switch</b>: once the rebuild is at most {@code switch-lag} events behind the topic the live processor is
 *     stopped, the rebuild runs until it has passed everything the live processor handled, stops, and one
 *     transaction swaps the shadow tables in, hands the rebuild's tokens and dead letters to the live processor and
 *     marks the replay done. The live processor starts again on the rebuilt tables. Queries are answered from the
 *     old tables until that commit and from the new ones after it.</li>
 * </ol>
 * If the switch cannot finish (the rebuild does not catch up in {@code switch-timeout}, the transaction fails), the
 * live processor restarts unchanged and the replay keeps running; the monitor tries again.
 */
public class ReplayCoordinator implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplayCoordinator.class);
    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private final ProjectionCatalog catalog;
    private final ReplayProcessorFactory factory;
    private final ReplayStore store;
    private final ShadowTables shadows;
    private final ProcessorPositions positions;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration monitorInterval;
    private final Duration switchTimeout;
    private final long switchLag;
    private final String instanceId;

    private final Map<String, ReplayProcessor> running = new ConcurrentHashMap<>();
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private final Map<String, String> phases = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService monitor;

    public ReplayCoordinator(ProjectionCatalog catalog, ReplayProcessorFactory factory, ReplayStore store,
                             ShadowTables shadows, ProcessorPositions positions,
                             EventProcessingConfiguration processing, TransactionTemplate transactions,
                             JdbcTemplate jdbc, Clock clock, Duration monitorInterval, Duration switchTimeout,
                             long switchLag, String instanceId) {
        this.catalog = catalog;
        this.factory = factory;
        this.store = store;
        this.shadows = shadows;
        this.positions = positions;
        this.processing = processing;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
        this.monitorInterval = monitorInterval;
        this.switchTimeout = switchTimeout;
        this.switchLag = switchLag;
        this.instanceId = instanceId;
    }

    /** Begins rebuilding a projection. */
    public ReplayStore.Replay replay(String name, String requestedBy) {
        ProjectionDefinition projection = catalog.find(name)
                .orElseThrow(() -> new ReplayRefusedException(ReplayRefusedException.Reason.UNKNOWN_PROJECTION, name));
        return locked(name, () -> {
            Boolean begun = transactions.execute(status -> {
                if (!store.begin(name, requestedBy)) {
                    return false;
                }
                forgetReplayState(projection);
                shadows.recreate(projection.tables());
                return true;
            });
            if (!Boolean.TRUE.equals(begun)) {
                throw new ReplayRefusedException(ReplayRefusedException.Reason.ALREADY_RUNNING, name);
            }
            samples.remove(name);
            stopLocal(name);
            startLocal(projection);
            log.info("replay of projection {} started by {}", name, requestedBy);
            return store.find(name).orElseThrow();
        });
    }

    /** The state of a projection's latest replay, with progress while it runs. */
    public Optional<Progress> progress(String name) {
        ProjectionDefinition projection = catalog.find(name).orElseThrow();
        return store.find(name).map(replay -> {
            long total = positions.endOffsets().values().stream().mapToLong(Long::longValue).sum();
            if (!replay.rebuilding()) {
                long done = replay.eventsDone() == null ? 0 : replay.eventsDone();
                return new Progress(replay, replay.status(), done, Math.max(total, done), null, null, deadLetters(projection));
            }
            long done = positions.position(projection.replayProcessorName(), local(name)).consumed();
            Double rate = rate(name);
            Long eta = rate == null || rate <= 0 ? null : (long) Math.ceil(Math.max(0, total - done) / rate);
            return new Progress(replay, phases.getOrDefault(name, ReplayStore.REBUILDING), done, Math.max(total, done),
                    rate, eta, deadLetters(projection));
        });
    }

    /** The replay processor of a projection if this instance runs it. */
    public Optional<StreamingEventProcessor> local(String name) {
        return Optional.ofNullable(running.get(name)).map(ReplayProcessor::processor);
    }

    /** One monitoring round: resume, sample, switch; stop local rebuilds that are over. Public for tests. */
    public void monitorOnce() {
        for (ProjectionDefinition projection : catalog.all()) {
            try {
                locked(projection.name(), () -> {
                    monitor(projection);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("replay monitor: projection {}: {}", projection.name(), e.getMessage(), e);
            }
        }
    }

    private void monitor(ProjectionDefinition projection) {
        String name = projection.name();
        Optional<ReplayStore.Replay> replay = store.find(name);
        if (replay.isEmpty() || !replay.get().rebuilding()) {
            stopLocal(name);
            phases.remove(name);
            return;
        }
        if (!running.containsKey(name)) {
            resume(projection);
        }
        Map<Integer, Long> ends = positions.endOffsets();
        Position rebuilt = positions.position(projection.replayProcessorName(), local(name));
        sample(name, rebuilt.consumed());
        // With several instances every one runs the rebuild's processor, but one claims its segment 0: that one
        // switches, so the live processors are never stopped and swapped by two instances at once (ADR 0030).
        boolean rebuildsHere = local(name).map(p -> p.processingStatus().containsKey(0)).orElse(false);
        if (rebuilt.exists() && rebuilt.lag(ends) <= switchLag && rebuildsHere) {
            switchOver(projection);
        }
    }

    private void resume(ProjectionDefinition projection) {
        if (!shadows.matchLive(projection.tables())) {
            log.warn("replay of {}: shadow tables missing or unlike the live ones (a migration ran?); "
                    + "rebuilding from the start", projection.name());
            transactions.executeWithoutResult(status -> {
                forgetReplayState(projection);
                shadows.recreate(projection.tables());
                store.note(projection.name(), "restarted from the start: the shadow tables did not match the live ones");
            });
        } else {
            log.info("replay of {} resumes from its tokens", projection.name());
        }
        startLocal(projection);
    }

    private void switchOver(ProjectionDefinition projection) {
        String name = projection.name();
        String replayName = projection.replayProcessorName();
        StreamingEventProcessor live = processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no live processor " + name));
        phases.put(name, "SWITCHING");
        log.info("replay of {}: caught up, switching over", name);
        try {
            // Before the live projection stops, so that building them does not hold the live read model still.
            shadows.completeIndexes(projection.tables());
        } catch (RuntimeException e) {
            log.warn("replay of {}: building the rebuilt tables' indexes failed; will try again", name, e);
            store.note(name, "switch postponed: building indexes failed: " + e.getMessage());
            phases.remove(name);
            return;
        }
        live.shutDown();
        try {
            Position liveAtStop = positions.position(name, Optional.empty());
            Instant deadline = clock.instant().plus(switchTimeout);
            while (!positions.position(replayName, local(name)).covers(liveAtStop)) {
                if (clock.instant().isAfter(deadline)) {
                    store.note(name, "switch postponed: the rebuild did not pass the live projection within "
                            + switchTimeout);
                    return;
                }
                pause(Duration.ofMillis(100));
            }
            stopLocal(name);
            Position rebuilt = positions.position(replayName, Optional.empty());
            if (!rebuilt.covers(liveAtStop)) {
                store.note(name, "switch postponed: the rebuild's stored position is behind the live projection");
                return;
            }
            shadows.analyze(projection.tables());
            transactions.executeWithoutResult(status -> {
                ReplayStore.Replay locked = store.lock(name).orElseThrow();
                if (!locked.rebuilding()) {
                    throw new IllegalStateException("the replay is no longer running (" + locked.status() + ")");
                }
                shadows.swapIn(projection.tables());
                jdbc.update("delete from token_entry where processor_name = ?", name);
                // Claimed for this instance, not left unclaimed: a live processor of another instance that still
                // streams from its old position must fail its next token update (and re-read the moved token)
                // rather than claim the row and overwrite the rebuilt position (ADR 0030).
                jdbc.update("update token_entry set processor_name = ?, owner = ?, timestamp = ? "
                        + "where processor_name = ?", name, instanceId, DateTimeUtils.formatInstant(clock.instant()),
                        replayName);
                jdbc.update("delete from dead_letter_entry where processing_group = ?", name);
                jdbc.update("update dead_letter_entry set processing_group = ? where processing_group = ?",
                        name, replayName);
                store.finish(name, ReplayStore.DONE, rebuilt.consumed(), "switched to the rebuilt tables");
            });
            samples.remove(name);
            log.info("replay of {} done: {} events, switched to the rebuilt tables", name, rebuilt.consumed());
        } catch (RuntimeException e) {
            log.warn("replay of {}: switch failed, the live projection goes on unchanged", name, e);
            store.note(name, "switch failed: " + e.getMessage());
        } finally {
            phases.remove(name);
            live.start();
        }
    }

    private void forgetReplayState(ProjectionDefinition projection) {
        jdbc.update("delete from token_entry where processor_name = ?", projection.replayProcessorName());
        jdbc.update("delete from dead_letter_entry where processing_group = ?", projection.replayProcessorName());
    }

    private void startLocal(ProjectionDefinition projection) {
        ReplayProcessor processor = factory.create(projection);
        running.put(projection.name(), processor);
        processor.start();
    }

    private void stopLocal(String name) {
        ReplayProcessor processor = running.remove(name);
        if (processor != null) {
            processor.stop();
        }
    }

    private long deadLetters(ProjectionDefinition projection) {
        Long count = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, projection.replayProcessorName());
        return count == null ? 0 : count;
    }

    private void sample(String name, long done) {
        Deque<Sample> window = samples.computeIfAbsent(name, n -> new ArrayDeque<>());
        synchronized (window) {
            long now = System.nanoTime();
            window.addLast(new Sample(now, done));
            while (window.size() > 2 && now - window.peekFirst().nanos() > RATE_WINDOW.toNanos()) {
                window.removeFirst();
            }
        }
    }

    private Double rate(String name) {
        Deque<Sample> window = samples.get(name);
        if (window == null) {
            return null;
        }
        synchronized (window) {
            if (window.size() < 2) {
                return null;
            }
            Sample first = window.peekFirst();
            Sample last = window.peekLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            return seconds <= 0 ? null : (last.done() - first.done()) / seconds;
        }
    }

    private <T> T locked(String name, java.util.function.Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(name, n -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while switching over", e);
        }
    }

    /** Starts the monitor once the application (and with it every live processor) is up. */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        start();
    }

    @Override
    public synchronized void start() {
        if (monitor != null) {
            return;
        }
        monitor = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("ReplayMonitor"));
        monitor.scheduleWithFixedDelay(this::monitorOnce, 0, monitorInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops monitoring and every local rebuild where it is; their tokens stay, so they resume on the next start. */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = monitor;
        monitor = null;
        if (current != null) {
            current.shutdown();
            try {
                if (!current.awaitTermination(switchTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                    current.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current.shutdownNow();
            }
        }
        running.keySet().forEach(name -> locked(name, () -> {
            stopLocal(name);
            return null;
        }));
    }

    @Override
    public boolean isRunning() {
        return monitor != null;
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /** Stops before Axon's processors do. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private record Sample(long nanos, long done) {
    }

    /** A replay's state and progress: events done and total (records of the topic), rate and time left. */
    public record Progress(ReplayStore.Replay replay, String phase, long eventsDone, long eventsTotal,
                           Double eventsPerSecond, Long etaSeconds, long deadLetters) {
    }
}
