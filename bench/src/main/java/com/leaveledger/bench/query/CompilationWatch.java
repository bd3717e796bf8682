package com.leaveledger.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells when the services' JIT compilers have settled, so that a benchmark measures warm JVMs. A timer thread polls
 * each service's {@code jvm.compilation.time} (Micrometer's total JIT compilation time, ms) every five seconds;
 * settled when, over the last {@code WINDOW_MS}, every service compiled for less than {@code MAX_SHARE} of the wall
 * time.
 *
 * <p>Why: at 500 commands/s on a 2-core machine, fresh services compile for about five minutes (the command side's
 * compilers ran ~25 s per 22 s until then, ~2 s after; the command side itself took 1.2 cores while compiling and
 * 0.55–0.66 after), so a fixed 150 s warm-up measured compilers more than the system (docs/benchmarks.md).
 */
final class CompilationWatch implements AutoCloseable {

    private static final long WINDOW_MS = 20_000;
    private static final double MAX_SHARE = 0.2;

    private final List<String> baseUrls;
    private final String token;
    private final Deque<long[]> samples = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "compilation-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean settled;
    private volatile String last = "no sample yet";

    CompilationWatch(List<String> baseUrls, String token) {
        this.baseUrls = baseUrls;
        this.token = token;
        timer.scheduleWithFixedDelay(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    /** Whether every service compiled for less than a fifth of the last 20 s. */
    boolean settled() {
        return settled;
    }

    /** The compilation share of each service over the last window, for the report. */
    String describe() {
        return last;
    }

    private void sample() {
        try {
            long[] sample = new long[baseUrls.size() + 1];
            sample[0] = System.currentTimeMillis();
            for (int i = 0; i < baseUrls.size(); i++) {
                JsonNode metric = BenchSupport.get(baseUrls.get(i) + "/actuator/metrics/jvm.compilation.time", token);
                sample[i + 1] = metric.path("measurements").path(0).path("value").asLong();
            }
            samples.addLast(sample);
            while (samples.size() > 1 && sample[0] - samples.peekFirst()[0] > WINDOW_MS + 2_500) {
                samples.removeFirst();
            }
            long[] first = samples.peekFirst();
            long span = sample[0] - first[0];
            if (span >= WINDOW_MS - 2_500) {
                boolean quiet = true;
                StringBuilder shares = new StringBuilder();
                for (int i = 1; i < sample.length; i++) {
                    double share = (sample[i] - first[i]) / (double) span;
                    quiet &= share < MAX_SHARE;
                    shares.append(i > 1 ? ", " : "").append(baseUrls.get(i - 1)).append(' ')
                            .append(Math.round(share * 100)).append('%');
                }
                last = "JIT compiling over the last " + span / 1000 + " s: " + shares;
                settled = quiet;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            last = "compilation time unavailable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
