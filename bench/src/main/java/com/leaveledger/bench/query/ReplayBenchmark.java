package com.leaveledger.bench.query;

import static com.leaveledger.bench.query.BenchSupport.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Projection rebuild benchmark (BRIEF §10: a rebuild of 1,000,000 events at ≥ 25,000 events/s). Not a test: a main
 * run by {@code bench/run-query}, against a query-side instance of its own (own topic, own schema).
 * <ol>
 *     <li>Seeds {@code --events} ledger events onto {@code --topic} (command-side record format).</li>
 *     <li>Waits until the live projections have caught up (reported: the live catch-up, four projections at once).</li>
 *     <li>Replays {@code --projection} through the admin API — rebuild from offset 0 into shadow tables, then the
 *     switch — and reports events rebuilt, wall time from the request to the switch, and events/s.</li>
 * </ol>
 * Ends with {@code RESULT key=value} lines for the script.
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args);
        String bootstrap = options.getOrDefault("bootstrap", "localhost:9092");
        String topic = options.getOrDefault("topic", "bench.query-side.events");
        String queryUrl = options.getOrDefault("query-url", "http://localhost:18082");
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        int employees = Integer.parseInt(options.getOrDefault("employees", "20000"));
        int managers = Integer.parseInt(options.getOrDefault("managers", "500"));
        List<String> projections = List.of(options.getOrDefault("projection", "balances").split(","));
        Duration timeout = Duration.ofMinutes(Long.parseLong(options.getOrDefault("timeout-minutes", "30")));
        String engineer = BenchSupport.token("bench-engineer", "ENGINEER");

        if (!options.containsKey("no-seed")) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                if (!topics.contains(topic)) {
                    admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1)
                            .configs(Map.of("retention.ms", "-1")))).all().get(30, TimeUnit.SECONDS);
                }
            }
            long start = System.nanoTime();
            long sent;
            try (LedgerHistory history = new LedgerHistory(bootstrap, topic)) {
                sent = history.publish(events, employees, managers, "b" + (System.currentTimeMillis() / 1000));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("seeded %s events onto %s in %.1f s (%s events/s)%n", fmt(sent), topic, seconds,
                    fmt(sent / seconds));
            System.out.printf("RESULT seeded_events=%d seed_seconds=%.1f%n", sent, seconds);
        }

        long catchUpStart = System.nanoTime();
        BenchSupport.awaitCaughtUp(queryUrl, engineer, timeout);
        double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
        long topicEvents = BenchSupport.get(queryUrl + "/admin/projections", engineer).get(0)
                .path("topicEvents").asLong();
        System.out.printf("live projections caught up with %s events %.1f s after seeding ended%n",
                fmt(topicEvents), catchUp);
        System.out.printf("RESULT topic_events=%d live_catch_up_seconds=%.1f%n", topicEvents, catchUp);

        for (String projection : projections) {
            replay(queryUrl, engineer, projection.trim(), timeout);
        }
    }

    private static void replay(String queryUrl, String engineer, String projection, Duration timeout)
            throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> accepted = BenchSupport.send("POST", queryUrl + "/admin/projections/" + projection
                + "/replay", engineer, null);
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("replay refused: " + accepted.statusCode() + " " + accepted.body());
        }
        double[] peak = {0};
        long[] lastPrint = {0};
        java.util.concurrent.atomic.AtomicReference<JsonNode> last = new java.util.concurrent.atomic.AtomicReference<>();
        // Polled every 200 ms (the progress is sampled from the same answers) until the replay is DONE.
        org.awaitility.Awaitility.await("replay of " + projection).atMost(timeout)
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode now = BenchSupport.get(queryUrl + "/admin/projections/" + projection, engineer)
                            .path("replay");
                    last.set(now);
                    peak[0] = Math.max(peak[0], now.path("eventsPerSecond").asDouble());
                    if (System.nanoTime() - lastPrint[0] > 5_000_000_000L) {
                        lastPrint[0] = System.nanoTime();
                        System.out.printf("  %s: %s / %s events, %s events/s, ETA %s s%n", projection,
                                fmt(now.path("eventsDone").asDouble()), fmt(now.path("eventsTotal").asDouble()),
                                fmt(now.path("eventsPerSecond").asDouble()), now.path("etaSeconds").asText("?"));
                    }
                    return "DONE".equals(now.path("status").asText());
                });
        JsonNode replay = last.get();
        double peakRate = peak[0];
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = replay.path("eventsDone").asLong();
        System.out.printf("replay of %s: %s events rebuilt and switched over in %.1f s = %s events/s "
                + "(peak sampled rate %s events/s)%n", projection, fmt(done), seconds, fmt(done / seconds), fmt(peakRate));
        System.out.printf("RESULT projection=%s replay_events=%d replay_seconds=%.1f replay_events_per_s=%.0f "
                + "peak_events_per_s=%.0f%n", projection, done, seconds, done / seconds, peakRate);
    }
}
