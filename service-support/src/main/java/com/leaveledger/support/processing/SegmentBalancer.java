package com.leaveledger.support.processing;

import com.leaveledger.support.infra.PeriodicTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spreads the segments of a service's streaming event processors evenly over its running instances
 * (docs/adr/0030-scale-out.md).
 * <p>
 * Axon without Axon Server does not balance: a tracking processor claims every free segment it has a thread for,
 * so the instance that starts first takes all of them and the next one idles. Each instance therefore
 * <ol>
 *     <li>records itself in {@code processor_instance} every {@code interval} (its id is the token store's node
 *     id, i.e. {@code token_entry.owner} of what it claims) and deletes its row when it stops;</li>
 *     <li>counts the live instances (heartbeat younger than {@code instance-timeout}) and the claims in
 *     {@code token_entry};</li>
 *     <li>when every segment is claimed by a live instance and it holds more than its share
 *     ({@code ceil(segments / instances)}, or two more than the least loaded instance), releases the surplus with
 *     {@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)}: it does not claim those segments again
 *     for {@code release-for}, and another instance's processor claims them on its next claim round.</li>
 * </ol>
 * Segments of an instance that stops are released by its processors (a crash: its claims time out) and claimed by
 * the others, whose processors have a thread per segment. The balancer only moves claims: that a segment is handled
 * by one instance at a time is Axon's token claim in PostgreSQL, not this class.
 */
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final String instanceId;
    private final Supplier<Map<String, StreamingEventProcessor>> processors;
    private final Settings settings;
    private final Map<Claim, Long> releasedUntil = new ConcurrentHashMap<>();
    private final PeriodicTask task;

    /**
     * @param jdbc       the service's database; {@code processor_instance} and {@code token_entry} in its schema
     * @param instanceId this instance's id, the node id of its token store
     * @param processors the processors to balance, by name (looked up on every round)
     */
    public SegmentBalancer(JdbcTemplate jdbc, String instanceId,
                           Supplier<Map<String, StreamingEventProcessor>> processors, Settings settings) {
        this.jdbc = jdbc;
        this.instanceId = instanceId;
        this.processors = processors;
        this.settings = settings;
        this.task = new PeriodicTask("segment-balancer", Duration.ZERO, settings.interval(), this::safely);
    }

    /**
     * @param interval        how often the heartbeat is written and the claims are looked at
     * @param instanceTimeout an instance without a heartbeat for this long is gone; keep it below the token claim
     *                        timeout (10 s), so a crashed instance's segments are shared only once it counts as gone
     * @param releaseFor      how long a released segment is left to the other instances (at least two token claim
     *                        intervals of their processors)
     */
    public record Settings(Duration interval, Duration instanceTimeout, Duration releaseFor) {
    }

    /** A segment of a processor. */
    public record Claim(String processor, int segment) {
    }

    public String instanceId() {
        return instanceId;
    }

    /** One round: heartbeat, then release what this instance holds beyond its share. Public for tests. */
    public void balanceOnce() {
        jdbc.update("insert into processor_instance (instance_id) values (?) on conflict (instance_id) "
                + "do update set heartbeat_at = now()", instanceId);
        jdbc.update("delete from processor_instance where heartbeat_at < now() - interval '1 hour'");
        Map<String, StreamingEventProcessor> balanced = processors.get();
        if (balanced.isEmpty()) {
            return;
        }
        Set<String> live = new HashSet<>(jdbc.queryForList("select instance_id from processor_instance "
                        + "where heartbeat_at > now() - ? * interval '1 millisecond'", String.class,
                settings.instanceTimeout().toMillis()));
        live.add(instanceId);
        List<String> owners = jdbc.queryForList("select owner from token_entry where processor_name in ("
                + String.join(",", balanced.keySet().stream().map(n -> "?").toList()) + ")", String.class,
                balanced.keySet().toArray());
        long now = System.currentTimeMillis();
        releasedUntil.values().removeIf(until -> until < now);
        if (!releasedUntil.isEmpty() || owners.stream().anyMatch(owner -> owner == null || !live.contains(owner))) {
            return; // claims are moving (our releases, a stopped or crashed instance): look again next round
        }
        Map<String, Integer> owned = new HashMap<>();
        owners.forEach(owner -> owned.merge(owner, 1, Integer::sum));
        List<Claim> claimedHere = new ArrayList<>();
        balanced.forEach((name, processor) -> processor.processingStatus().keySet()
                .forEach(segment -> claimedHere.add(new Claim(name, segment))));
        for (Claim claim : surplus(instanceId, claimedHere, owners.size(), live, owned)) {
            balanced.get(claim.processor()).releaseSegment(claim.segment(), settings.releaseFor().toMillis(),
                    TimeUnit.MILLISECONDS);
            releasedUntil.put(claim, now + settings.releaseFor().toMillis());
            log.info("released segment {} of {} for another instance ({} segments, {} instances, {} claimed here)",
                    claim.segment(), claim.processor(), owners.size(), live.size(), claimedHere.size());
        }
    }

    /**
     * What an instance holding {@code claimedHere} should give up: the surplus over {@code ceil(total / instances)},
     * or one segment when it holds two or more than the least loaded live instance; taken from the processors it holds
     * most segments of, highest segment first.
     */
    static List<Claim> surplus(String me, Collection<Claim> claimedHere, int totalSegments,
                               Collection<String> liveInstances, Map<String, Integer> ownedByInstance) {
        Set<String> instances = new HashSet<>(liveInstances);
        instances.add(me);
        int mine = claimedHere.size();
        int share = (totalSegments + instances.size() - 1) / instances.size();
        int leastLoaded = instances.stream().filter(i -> !i.equals(me))
                .mapToInt(i -> ownedByInstance.getOrDefault(i, 0)).min().orElse(mine);
        int release = Math.max(0, mine - share);
        if (release == 0 && mine - leastLoaded >= 2) {
            release = 1;
        }
        Map<String, List<Integer>> byProcessor = new HashMap<>();
        claimedHere.forEach(c -> byProcessor.computeIfAbsent(c.processor(), p -> new ArrayList<>()).add(c.segment()));
        byProcessor.values().forEach(segments -> segments.sort(Comparator.reverseOrder()));
        List<Claim> chosen = new ArrayList<>();
        for (int i = 0; i < release; i++) {
            String processor = byProcessor.entrySet().stream()
                    .filter(e -> !e.getValue().isEmpty())
                    .max(Comparator.<Map.Entry<String, List<Integer>>>comparingInt(e -> e.getValue().size())
                            .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .map(Map.Entry::getKey).orElseThrow();
            chosen.add(new Claim(processor, byProcessor.get(processor).remove(0)));
        }
        return chosen;
    }

    private void safely() {
        try {
            balanceOnce();
        } catch (RuntimeException e) {
            log.warn("segment balancing round failed (retried in {}): {}", settings.interval(), e.getMessage());
        }
    }

    @Override
    public void start() {
        task.start();
    }

    /** Stops balancing and removes this instance from {@code processor_instance}, so the others take its share. */
    @Override
    public synchronized void stop() {
        if (!task.isRunning()) {
            return;
        }
        try {
            task.stopAndWait(Duration.ofSeconds(5));
            jdbc.update("delete from processor_instance where instance_id = ?", instanceId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("could not remove instance {} from processor_instance: {}", instanceId, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
