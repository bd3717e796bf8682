package com.leaveledger.query.bench;

import static com.leaveledger.query.bench.BenchSupport.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.support.calendar.JollydayHolidayCalendar;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * End-to-end lag benchmark: command accepted → visible in the read model, at a fixed command rate (BRIEF §10: p99
 * ≤ 100 ms at 500 commands/s). Not a test: a main run by {@code query-side/bench/query-bench lag} against a command
 * side and a query side of their own (own topic, own schemas).
 * <ul>
 *     <li>Setup (not measured): registers managers and employees, grants them days, waits until the query side has
 *     caught up, resets the query side's visibility histograms.</li>
 *     <li>Load, open model: command {@code k} is due at {@code start + k / rate}; two submits (one working day each,
 *     never overlapping), then an approval of the oldest accepted submit. A warm-up at the same rate comes first:
 *     at least {@code --warmup} seconds (150), then until both services' JIT compilers have settled
 *     ({@link CompilationWatch}), at most {@code --max-warmup} (600).</li>
 *     <li>Measured two ways. Server side: for every event, event timestamp (taken while the command runs) → the
 *     projection's transaction committed, from {@code GET /admin/projections}. Client side, a probe: for one
 *     accepted submit in {@code --probe-every} (50), the time from the 202 to the first {@code GET
 *     /api/leave-requests/{id}} that answers 200 (polled every {@code --probe-interval-ms}, 10), at most
 *     {@code --probe-threads} (4) at a time; a probe due while all are busy is dropped and counted.</li>
 * </ul>
 */
public final class VisibilityBenchmark {

    private VisibilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args);
        String commandUrl = options.getOrDefault("command-url", "http://localhost:18081");
        String queryUrl = options.getOrDefault("query-url", "http://localhost:18082");
        int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
        int seconds = Integer.parseInt(options.getOrDefault("duration", "60"));
        int employees = Integer.parseInt(options.getOrDefault("employees", "2000"));
        int managers = Integer.parseInt(options.getOrDefault("managers", "100"));
        int probeEvery = Integer.parseInt(options.getOrDefault("probe-every", "50"));
        int probeThreads = Integer.parseInt(options.getOrDefault("probe-threads", "4"));
        int probeInterval = Integer.parseInt(options.getOrDefault("probe-interval-ms", "10"));
        int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "256"));
        // Seconds at the same rate before the measured window: at least --warmup, then until both services' JIT
        // compilers have settled (CompilationWatch), at most --max-warmup. Fresh JVMs compile for their first minutes:
        // with 30 s at 500/s the command side's publisher was still working off the first minute's backlog (36 s
        // behind) when the measurement began; with 150 s both services were still compiling (docs/benchmarks.md).
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "150"));
        int maxWarmup = Math.max(warmup, Integer.parseInt(options.getOrDefault("max-warmup", "600")));
        String run = "v" + (System.currentTimeMillis() / 1000);
        String hr = BenchSupport.token(run + "-hr", "HR");
        String engineer = BenchSupport.token(run + "-eng", "ENGINEER");

        System.out.printf("setup: %d managers, %d employees, 300 ANNUAL days each%n", managers, employees);
        List<String> employeeIds = new ArrayList<>();
        List<String> managerOf = new ArrayList<>();
        BenchSupport.AsyncHttp http = new BenchSupport.AsyncHttp(maxInFlight);
        setup(http, commandUrl, hr, run, employees, managers, employeeIds, managerOf);
        BenchSupport.awaitCaughtUp(queryUrl, engineer, Duration.ofMinutes(10));
        BenchSupport.send("DELETE", queryUrl + "/admin/projections/visibility-lag", engineer, null);

        LocalDate[] nextDay = new LocalDate[employees];
        JollydayHolidayCalendar holidays = new JollydayHolidayCalendar();
        Deque<String[]> toApprove = new ArrayDeque<>();
        Histogram accepted = new Histogram(3);
        Histogram probe = new Histogram(3);
        Histogram warmupProbe = new Histogram(3);
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String[]> approvable = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(maxInFlight);
        List<CompletableFuture<?>> probes = new ArrayList<>();
        // A few probers, and a probe that finds them all busy is dropped, not queued: a queued probe would start late
        // and measure its own wait, and a lagging query side must not be polled harder the further it lags (16 busy
        // probers at 10 ms were ~1,600 GETs/s, enough to slow the read side they measure).
        java.util.concurrent.ThreadPoolExecutor probers = new java.util.concurrent.ThreadPoolExecutor(probeThreads,
                probeThreads, 0, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        AtomicLong probesDropped = new AtomicLong();
        AtomicLong emptyBodies = new AtomicLong();
        // The measured window starts at command measureFrom (unknown during the warm-up) and lasts `seconds`.
        long measureFrom = warmup > 0 ? -1 : 0;
        long total = warmup > 0 ? Long.MAX_VALUE : (long) rate * seconds;
        long start = System.nanoTime() + 200_000_000L;
        long measuredStart = start;
        CompilationWatch compilers = new CompilationWatch(List.of(commandUrl, queryUrl), engineer);
        if (warmup > 0) {
            System.out.printf("warm-up: %d to %d s at %d commands/s until the JIT compilers settle, not measured%n",
                    warmup, maxWarmup, rate);
        }
        int employee = 0;
        for (long k = 0; k < total; k++) {
            long due = start + k * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing: command k is due at start + k/rate
            }
            if (measureFrom < 0 && k % rate == 0 && k >= (long) rate * warmup
                    && (compilers.settled() || k >= (long) rate * maxWarmup)) {
                // The measured window starts here: whatever backlog the warm-up left is part of it.
                measureFrom = k;
                total = k + (long) rate * seconds;
                synchronized (accepted) {
                    accepted.reset();
                }
                statuses.clear();
                BenchSupport.send("DELETE", queryUrl + "/admin/projections/visibility-lag", engineer, null);
                measuredStart = System.nanoTime();
                System.out.printf("warm-up done after %d s (%s%s); measuring %d s%n", k / rate, compilers.describe(),
                        compilers.settled() ? "" : ", not settled by --max-warmup", seconds);
            }
            String[] approval;
            while ((approval = approvable.poll()) != null) {
                toApprove.add(approval);
            }
            String url;
            String token;
            Map<String, Object> body;
            boolean submit = k % 3 != 2 || toApprove.isEmpty();
            String[] approving = null;
            if (submit) {
                int e = employee++ % employees;
                nextDay[e] = nextWorkingDay(nextDay[e] == null ? LocalDate.of(2028, 1, 3) : nextDay[e].plusDays(1),
                        holidays);
                String id = employeeIds.get(e);
                url = commandUrl + "/api/leave-requests";
                token = BenchSupport.token(id, "EMPLOYEE");
                body = Map.of("employeeId", id, "leaveType", "ANNUAL", "startDate", nextDay[e].toString(),
                        "endDate", nextDay[e].toString(), "reason", "bench");
                approving = new String[] {null, managerOf.get(e)};
            } else {
                String[] next = toApprove.poll();
                url = commandUrl + "/api/leave-requests/" + next[0] + "/approve";
                token = BenchSupport.token(next[1], "EMPLOYEE", "MANAGER");
                body = Map.of("comment", "ok");
            }
            if (!inFlight.tryAcquire()) {
                statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                continue;
            }
            // Probes run in the warm-up too (their GETs are compiled before the measurement), counted only after it.
            boolean probeThis = submit && (k % probeEvery == 0);
            Histogram probeInto = measureFrom >= 0 ? probe : warmupProbe;
            String[] approvalOf = approving;
            long sentAt = due;
            http.post(url, token, body).whenComplete((response, e) -> {
                inFlight.release();
                long acceptedAt = System.nanoTime();
                int status = e != null ? 0 : response.status();
                if (statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet() <= 3 && status != 202) {
                    System.out.printf("answer %d to %s: %s%n", status, url, e != null ? e : response.body());
                }
                synchronized (accepted) {
                    accepted.recordValue(Math.max(0, (acceptedAt - sentAt) / 1000));
                }
                if (status == 202 && approvalOf != null) {
                    // The id from the Location header, which every 202 carries. Until BenchSupport built its Vert.x
                    // calls on the event loop, about one 202 in 10,000 reached the driver with an empty body (the
                    // answer raced the chain's last listener), and the body's id then was "".
                    String id = response.location().substring(response.location().lastIndexOf('/') + 1);
                    if (response.body().isEmpty()) {
                        emptyBodies.incrementAndGet();
                    }
                    approvable.add(new String[] {id, approvalOf[1]});
                    if (probeThis) {
                        synchronized (probes) {
                            try {
                                probes.add(CompletableFuture.runAsync(() -> probe(queryUrl, id, approvalOf[1],
                                        acceptedAt, probeInterval, probeInto), probers));
                            } catch (java.util.concurrent.RejectedExecutionException busy) {
                                if (probeInto == probe) {
                                    probesDropped.incrementAndGet();
                                }
                            }
                        }
                    }
                }
            });
        }
        long end = System.nanoTime();
        String compiledDuring = compilers.describe();
        compilers.close();
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        synchronized (probes) {
            CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
        probers.shutdown();
        http.close();
        BenchSupport.awaitCaughtUp(queryUrl, engineer, Duration.ofMinutes(5));
        double actualRate = (total - measureFrom) / ((end - measuredStart) / 1e9);

        System.out.printf("%nload: %s commands in %d s (%s commands/s), statuses %s%n", fmt(total - measureFrom), seconds,
                fmt(actualRate), statuses);
        System.out.printf("at the end of the measured window: %s; 202s with an empty body (warm-up included): %d%n",
                compiledDuring, emptyBodies.get());
        System.out.printf("command latency (intended send → answer): p50 %.1f ms, p99 %.1f ms%n",
                accepted.getValueAtPercentile(50) / 1000.0, accepted.getValueAtPercentile(99) / 1000.0);
        System.out.printf("probe (202 → GET /api/leave-requests/{id} answers 200, %d samples, %d dropped): p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms%n", probe.getTotalCount(), probesDropped.get(),
                probe.getValueAtPercentile(50) / 1000.0,
                probe.getValueAtPercentile(99) / 1000.0, probe.getMaxValue() / 1000.0);
        JsonNode projections = BenchSupport.get(queryUrl + "/admin/projections", engineer);
        for (JsonNode projection : projections) {
            JsonNode lag = projection.path("visibilityLag");
            System.out.printf("%-15s %7d events | event stored → visible: p50 %7.1f ms, p99 %7.1f ms, max %7.1f ms "
                            + "| published on Kafka → visible: p50 %6.1f ms, p99 %6.1f ms, max %7.1f ms%n",
                    projection.path("name").asText(), lag.path("events").asLong(), lag.path("p50Ms").asDouble(),
                    lag.path("p99Ms").asDouble(), lag.path("maxMs").asDouble(),
                    lag.path("fromPublishedP50Ms").asDouble(), lag.path("fromPublishedP99Ms").asDouble(),
                    lag.path("fromPublishedMaxMs").asDouble());
            System.out.printf("RESULT projection=%s visibility_events=%d stored_to_visible_p50_ms=%.1f "
                            + "stored_to_visible_p99_ms=%.1f published_to_visible_p50_ms=%.1f "
                            + "published_to_visible_p99_ms=%.1f%n", projection.path("name").asText(),
                    lag.path("events").asLong(), lag.path("p50Ms").asDouble(), lag.path("p99Ms").asDouble(),
                    lag.path("fromPublishedP50Ms").asDouble(), lag.path("fromPublishedP99Ms").asDouble());
        }
        System.out.printf("RESULT commands_per_s=%.0f probe_samples=%d probe_p50_ms=%.1f probe_p99_ms=%.1f%n",
                actualRate, probe.getTotalCount(), probe.getValueAtPercentile(50) / 1000.0,
                probe.getValueAtPercentile(99) / 1000.0);
    }

    private static void probe(String queryUrl, String requestId, String manager, long acceptedAt, int intervalMs,
                              Histogram into) {
        String token = BenchSupport.token(manager, "EMPLOYEE", "MANAGER");
        HttpRequest get = HttpRequest.newBuilder(URI.create(queryUrl + "/api/leave-requests/" + requestId))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            // Polled every intervalMs for up to 30 s after the 202; a probe that never sees its request is no sample.
            org.awaitility.Awaitility.await().atMost(Duration.ofNanos(Math.max(1, acceptedAt + 30_000_000_000L
                            - System.nanoTime())))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(intervalMs)).ignoreExceptions()
                    .until(() -> BenchSupport.HTTP.send(get, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
            synchronized (into) {
                into.recordValue(Math.max(0, (System.nanoTime() - acceptedAt) / 1000));
            }
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // not visible (or not reachable) within 30 s: a missing sample, not a result; the server-side
            // histograms still count the event
        }
    }

    private static void setup(BenchSupport.AsyncHttp http, String commandUrl, String hr, String run, int employees,
                              int managers, List<String> employeeIds, List<String> managerOf) throws Exception {
        List<CompletableFuture<BenchSupport.Answer>> calls = new ArrayList<>();
        for (int m = 0; m < managers; m++) {
            calls.add(register(http, commandUrl, hr, LedgerHistory.manager(run, m), null));
        }
        join(calls);
        for (int e = 0; e < employees; e++) {
            String id = LedgerHistory.employee(run, e);
            employeeIds.add(id);
            managerOf.add(LedgerHistory.manager(run, e % managers));
            calls.add(register(http, commandUrl, hr, id, managerOf.get(e)));
            if (calls.size() >= 64) {
                join(calls);
            }
        }
        join(calls);
        for (String id : employeeIds) {
            calls.add(http.post(commandUrl + "/api/leave-accounts/" + id + "/ANNUAL/2028/entitlements", hr,
                    Map.of("days", 300, "reason", "bench")));
            if (calls.size() >= 64) {
                join(calls);
            }
        }
        join(calls);
    }

    private static CompletableFuture<BenchSupport.Answer> register(BenchSupport.AsyncHttp http, String commandUrl,
                                                                   String hr, String id, String manager) {
        java.util.HashMap<String, Object> body = new java.util.HashMap<>();
        body.put("id", id);
        body.put("name", "Name " + id);
        body.put("email", id + "@example.com");
        body.put("managerId", manager);
        body.put("country", "DE");
        body.put("subdivision", "BE");
        return http.post(commandUrl + "/api/employees", hr, body);
    }

    private static void join(List<CompletableFuture<BenchSupport.Answer>> calls) throws Exception {
        for (CompletableFuture<BenchSupport.Answer> call : calls) {
            BenchSupport.Answer response = call.get(60, TimeUnit.SECONDS);
            if (response.status() >= 300) {
                throw new IllegalStateException("setup call failed: " + response.status() + " " + response.body());
            }
        }
        calls.clear();
    }

    private static LocalDate nextWorkingDay(LocalDate day, JollydayHolidayCalendar holidays) {
        LocalDate candidate = day;
        while (candidate.getDayOfWeek() == DayOfWeek.SATURDAY || candidate.getDayOfWeek() == DayOfWeek.SUNDAY
                || holidays.isHoliday(candidate, "DE", "BE")) {
            candidate = candidate.plusDays(1);
        }
        return candidate;
    }
}
