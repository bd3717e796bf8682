package com.leaveledger.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Load driver for the command API (BRIEF §10): registers a population of managers and employees
 * (unmeasured), then drives a mix of leave submissions and approvals and prints accepted
 * commands/s and latency percentiles.
 *
 * <p>With {@code --rate R > 0} it runs an open model: command k is due at {@code start + k/R},
 * whatever happened to earlier ones, and its latency counts from that intended time, so a stall
 * of the service shows up in the percentiles instead of silently lowering the offered load
 * (coordinated omission). With {@code --rate 0} it runs a closed model: {@code --concurrency}
 * workers each send the next command as soon as the previous one is answered, which finds the
 * ceiling.
 *
 * <p>Ends with a line {@code RESULT key=value ...} for scripts (bench/run-commands).
 */
public final class CommandLoad {

    static final int EXIT_OK = 0;
    static final int EXIT_TRANSPORT_ERRORS = 1;
    static final int EXIT_SETUP_FAILED = 2;
    static final int EXIT_UNREACHABLE = 3;
    static final int EXIT_USAGE = 64;

    private static final long PROGRESS_EVERY_SECONDS = 5;

    private final Options options;
    private final CommandApi api;
    private final Workload workload;
    private final PrintStream out;
    private final PrintStream err;
    private final LoadStats warmup = new LoadStats();
    private final LoadStats measured = new LoadStats();
    private final CpuBudget cpu = new CpuBudget();
    private volatile Map<String, Long> cpuAtStart = Map.of();
    private final AtomicBoolean abort = new AtomicBoolean();
    private volatile String stopReason;

    private CommandLoad(Options options, CommandApi api, Workload workload, PrintStream out, PrintStream err) {
        this.options = options;
        this.api = api;
        this.workload = workload;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Before anything touches SLF4J: jollyday's INFO chatter is not part of the report.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.print(Options.USAGE);
            return EXIT_OK;
        }
        Options options;
        List<LocalDate> workingDays;
        try {
            options = Options.parse(args, env);
        } catch (Options.UsageException | IllegalArgumentException e) {
            err.println("bench: " + e.getMessage() + " (--help for usage)");
            return EXIT_USAGE;
        }
        try {
            workingDays = WorkingDays.of(options.country(), options.subdivision(), options.year());
        } catch (RuntimeException e) {
            err.printf(Locale.ROOT, "bench: no holiday calendar for --country %s --subdivision %s: %s%n",
                    options.country(), options.subdivision(), Population.describe(e));
            return EXIT_USAGE;
        }
        CommandApi api = new CommandApi(options.baseUrl(), Duration.ofSeconds(options.requestTimeoutSeconds()),
                options.idempotencyKeys(),
                Math.max(options.setupParallelism(), options.openModel() ? options.maxInFlight() : options.concurrency()));
        try {
            if (!reachable(api, out, err)) {
                return EXIT_UNREACHABLE;
            }
            Tokens tokens = new Tokens(options.jwtSecret(), Clock.systemUTC(), Duration.ofHours(12));
            Population population = Population.of(options, tokens);
            out.printf(Locale.ROOT, "run %s: %d managers, %d employees, %s%s %d has %d working days%n",
                    options.runId(), options.managers(), options.employees(), options.country(),
                    options.subdivision() == null ? "" : "-" + options.subdivision(), options.year(), workingDays.size());
            try {
                population.register(api, options, out);
            } catch (Population.SetupException e) {
                err.println("bench: setup failed, nothing measured: " + e.getMessage());
                return EXIT_SETUP_FAILED;
            }
            CommandLoad load = new CommandLoad(options, api, new Workload(population.employees(), workingDays), out, err);
            return load.drive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bench: interrupted");
            return EXIT_TRANSPORT_ERRORS;
        } finally {
            api.shutdown();
        }
    }

    /** Fails fast, with a hint, when nothing listens at the base URL; a non-UP health is only reported. */
    private static boolean reachable(CommandApi api, PrintStream out, PrintStream err) throws InterruptedException {
        String health = api.baseUrl() + "/actuator/health";
        try {
            CommandApi.Response response = api.get("/actuator/health", Duration.ofSeconds(5));
            String body = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
            if (response.statusCode() == 200 && body.contains("\"UP\"")) {
                out.println("command API " + api.baseUrl() + " is UP");
            } else {
                err.printf(Locale.ROOT, "bench: warning: %s answered %d %s; trying anyway%n", health,
                        response.statusCode(), body.substring(0, Math.min(200, body.length())));
            }
            return true;
        } catch (ConnectException e) {
            err.printf(Locale.ROOT, "bench: command API not reachable at %s (%s).%n"
                    + "bench: start the system first (scripts/ledger up) or pass --base-url.%n",
                    api.baseUrl(), Population.describe(e));
            return false;
        } catch (TimeoutException e) {
            err.printf(Locale.ROOT, "bench: %s did not answer within 5 s; is command-side up? (scripts/ledger up)%n", health);
            return false;
        } catch (IOException e) {
            err.printf(Locale.ROOT, "bench: cannot reach %s: %s%n", health, Population.describe(e));
            return false;
        }
    }

    private int drive() throws InterruptedException {
        long warmupNanos = TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long durationNanos = TimeUnit.SECONDS.toNanos(options.durationSeconds());
        out.printf(Locale.ROOT, "load: %s, warm-up %d s, measured %d s%n", model(), options.warmupSeconds(),
                options.durationSeconds());
        long start = System.nanoTime();
        long measureStart = start + warmupNanos;
        long end = measureStart + durationNanos;
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        Semaphore inFlight = new Semaphore(options.openModel() ? options.maxInFlight() : options.concurrency());
        progress.scheduleAtFixedRate(() -> progress(start, measureStart, inFlight), PROGRESS_EVERY_SECONDS,
                PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS);
        progress.schedule(() -> cpuAtStart = cpu.snapshot(), warmupNanos, TimeUnit.NANOSECONDS);
        long windowEnd;
        Map<String, Long> cpuAtEnd;
        try {
            windowEnd = options.openModel()
                    ? openModel(start, measureStart, end, inFlight)
                    : closedModel(measureStart, end, inFlight);
            cpuAtEnd = cpu.snapshot();
        } finally {
            progress.shutdownNow();
        }
        report(measureStart, windowEnd);
        CpuBudget.describe(cpuAtStart, cpuAtEnd, measured.acceptedCount()).forEach(out::println);
        return measured.errorCount() + warmup.errorCount() > 0 ? EXIT_TRANSPORT_ERRORS : EXIT_OK;
    }

    /** Command k is due at start + k/rate; returns the end of the measured window. */
    private long openModel(long start, long measureStart, long end, Semaphore inFlight) throws InterruptedException {
        double intervalNanos = 1e9 / options.rate();
        long windowEnd = end;
        for (long k = 0; ; k++) {
            long intended = start + (long) (k * intervalNanos);
            if (intended >= end) {
                break;
            }
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (abort.get()) {
                windowEnd = Math.max(measureStart, Math.min(end, System.nanoTime()));
                break;
            }
            inFlight.acquire();
            Workload.Command command = workload.next();
            if (command == null) {
                inFlight.release();
                stopReason = "workload exhausted: every employee has a request on every working day";
                windowEnd = Math.max(measureStart, Math.min(end, intended));
                break;
            }
            fire(command, intended, intended >= measureStart ? measured : warmup, inFlight::release);
        }
        drain(inFlight, options.maxInFlight());
        return windowEnd;
    }

    /** Each worker sends its next command when the previous one is answered; returns the end of the window. */
    private long closedModel(long measureStart, long end, Semaphore inFlight) throws InterruptedException {
        CountDownLatch workers = new CountDownLatch(options.concurrency());
        for (int i = 0; i < options.concurrency(); i++) {
            new Worker(measureStart, end, workers, inFlight).next();
        }
        long grace = TimeUnit.SECONDS.toNanos(options.requestTimeoutSeconds() + 10);
        if (!workers.await(end - System.nanoTime() + grace, TimeUnit.NANOSECONDS)) {
            err.println("bench: warning: some workers did not finish in time");
        }
        return stopReason == null ? end : Math.max(measureStart, Math.min(end, System.nanoTime()));
    }

    private final class Worker {
        private final long measureStart;
        private final long end;
        private final CountDownLatch done;
        private final Semaphore inFlight;

        Worker(long measureStart, long end, CountDownLatch done, Semaphore inFlight) {
            this.measureStart = measureStart;
            this.end = end;
            this.done = done;
            this.inFlight = inFlight;
        }

        void next() {
            long now = System.nanoTime();
            if (now >= end || abort.get()) {
                done.countDown();
                return;
            }
            Workload.Command command = workload.next();
            if (command == null) {
                stopReason = "workload exhausted: every employee has a request on every working day";
                done.countDown();
                return;
            }
            inFlight.acquireUninterruptibly();
            fire(command, now, now >= measureStart ? measured : warmup, () -> {
                inFlight.release();
                next();
            });
        }
    }

    private void fire(Workload.Command command, long intendedNanos, LoadStats stats, Runnable then) {
        stats.recordSent(command.kind());
        CompletableFuture<CommandApi.Response> call;
        try {
            call = api.post(command.path(), command.token(), command.body());
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        // Runs on the client's event loop, which completed the call: no extra hand-off.
        call.whenComplete((response, error) -> {
            long now = System.nanoTime();
            long micros = (now - intendedNanos) / 1_000;
            try {
                if (error != null) {
                    stats.failed(command.kind(), Population.describe(error), now);
                    abortOnErrorStorm();
                } else if (response.statusCode() / 100 == 2) {
                    workload.accepted(command, response);
                    stats.accepted(command.kind(), response.statusCode(), micros, now);
                } else {
                    stats.refused(command.kind(), response.statusCode(), CommandApi.problemName(response), micros, now);
                }
            } finally {
                then.run();
            }
        });
    }

    /** A dead service would otherwise turn a closed-model run into millions of instant failures. */
    private void abortOnErrorStorm() {
        long errors = warmup.errorCount() + measured.errorCount();
        long sent = warmup.sent() + measured.sent();
        if (errors >= 200 && errors * 2 > sent && abort.compareAndSet(false, true)) {
            stopReason = "aborted: " + errors + " transport errors out of " + sent + " commands sent";
            err.println("bench: " + stopReason);
        }
    }

    private void drain(Semaphore inFlight, int permits) throws InterruptedException {
        if (!inFlight.tryAcquire(permits, options.requestTimeoutSeconds() + 10L, TimeUnit.SECONDS)) {
            err.println("bench: warning: " + (permits - inFlight.availablePermits()) + " requests still outstanding");
        }
    }

    private void progress(long start, long measureStart, Semaphore inFlight) {
        long now = System.nanoTime();
        int capacity = options.openModel() ? options.maxInFlight() : options.concurrency();
        err.printf(Locale.ROOT, "  t=%3ds %-8s sent %7d  accepted %7d  refused %6d  errors %5d  in flight %4d%n",
                TimeUnit.NANOSECONDS.toSeconds(now - start), now < measureStart ? "warm-up" : "measured",
                warmup.sent() + measured.sent(), warmup.acceptedCount() + measured.acceptedCount(),
                warmup.refusedCount() + measured.refusedCount(), warmup.errorCount() + measured.errorCount(),
                capacity - inFlight.availablePermits());
    }

    private String model() {
        return options.openModel()
                ? String.format(Locale.ROOT, "open model, %s commands/s at fixed arrival times (latency from intended send time), at most %d in flight",
                        number(options.rate()), options.maxInFlight())
                : String.format(Locale.ROOT, "closed model, %d workers back to back (ceiling)", options.concurrency());
    }

    private void report(long measureStart, long windowEnd) {
        long lastCompletion = measured.lastCompletionNanos();
        double seconds = (Math.max(windowEnd, lastCompletion) - measureStart) / 1e9;
        double windowSeconds = (windowEnd - measureStart) / 1e9;
        long accepted = measured.acceptedCount();
        double acceptedPerSecond = seconds > 0 ? accepted / seconds : 0;
        double offeredPerSecond = windowSeconds > 0 ? measured.sent() / windowSeconds : 0;
        Histogram all = measured.acceptedAll();

        String rule = "=".repeat(94);
        out.println();
        out.println(rule);
        out.println("Leave Ledger command benchmark  " + Instant.now() + "  run " + options.runId());
        out.println(rule);
        out.printf(Locale.ROOT, "%-22s %s%n", "command API", options.baseUrl());
        out.printf(Locale.ROOT, "%-22s %s%n", "model", model());
        out.printf(Locale.ROOT, "%-22s %s%n", "target rate",
                options.openModel() ? number(options.rate()) + " commands/s" : "none (closed model)");
        out.printf(Locale.ROOT, "%-22s %d employees, %d managers, %s%s, ANNUAL %d, idempotency keys %s, %d cores here%n",
                "population", options.employees(), options.managers(), options.country(),
                options.subdivision() == null ? "" : "-" + options.subdivision(), options.year(),
                options.idempotencyKeys() ? "on" : "off", Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-22s warm-up %d s (%d sent, not counted), measured %.1f s (%.2f s incl. drain)%n",
                "window", options.warmupSeconds(), warmup.sent(), windowSeconds, seconds);
        if (stopReason != null) {
            out.printf(Locale.ROOT, "%-22s %s%n", "stopped early", stopReason);
        }
        if (accepted == 0 && measured.answered().getTotalCount() > 0) {
            out.printf(Locale.ROOT, "%-22s no command was accepted: these figures measure refusals, not the ledger%n",
                    "WARNING");
        }
        out.printf(Locale.ROOT, "%-22s %d (%.1f/s offered): submit %d, approve %d%n", "sent",
                measured.sent(), offeredPerSecond, measured.sent(Workload.Kind.SUBMIT), measured.sent(Workload.Kind.APPROVE));
        out.printf(Locale.ROOT, "%-22s %d = %.1f accepted commands/s: submit %d, approve %d%n", "accepted",
                accepted, acceptedPerSecond, measured.acceptedCount(Workload.Kind.SUBMIT),
                measured.acceptedCount(Workload.Kind.APPROVE));
        StringBuilder statuses = new StringBuilder();
        measured.byStatus().forEach((status, count) -> statuses.append(status).append(' ').append(count).append("  "));
        if (measured.errorCount() > 0) {
            statuses.append("transport-error ").append(measured.errorCount());
        }
        out.printf(Locale.ROOT, "%-22s %s%n", "by HTTP status", statuses.length() == 0 ? "-" : statuses.toString().trim());
        if (measured.refusedCount() > 0) {
            out.printf(Locale.ROOT, "%-22s %d%n", "refused (top)", measured.refusedCount());
            for (Map.Entry<String, Long> refusal : measured.topRefusals(6)) {
                out.printf(Locale.ROOT, "  %8d  %s%n", refusal.getValue(), refusal.getKey());
            }
        }
        if (measured.errorCount() + warmup.errorCount() > 0) {
            out.printf(Locale.ROOT, "%-22s %d measured, %d in warm-up%n", "transport errors", measured.errorCount(),
                    warmup.errorCount());
            for (Map.Entry<String, Long> error : measured.topTransportErrors(4)) {
                out.printf(Locale.ROOT, "  %8d  %s%n", error.getValue(), error.getKey());
            }
            for (Map.Entry<String, Long> error : warmup.topTransportErrors(2)) {
                out.printf(Locale.ROOT, "  %8d  %s (warm-up)%n", error.getValue(), error.getKey());
            }
        }
        out.println();
        out.printf(Locale.ROOT, "latency ms %-19s %9s %8s %8s %8s %8s %8s %8s%n", "", "count", "mean", "p50", "p90",
                "p99", "p99.9", "max");
        latencyLine("submit (accepted)", measured.accepted(Workload.Kind.SUBMIT));
        latencyLine("approve (accepted)", measured.accepted(Workload.Kind.APPROVE));
        latencyLine("all accepted", all);
        latencyLine("all answered", measured.answered());
        StringBuilder worst = new StringBuilder();
        for (Map.Entry<Long, Long> second : measured.worstSeconds(measureStart, 5)) {
            worst.append(String.format(Locale.ROOT, "  t+%ds %.1f", second.getKey(), second.getValue() / 1000.0));
        }
        out.printf(Locale.ROOT, "  %-27s%s%n", "worst seconds (max ms)", worst);
        out.println(options.openModel()
                ? "(latency = answer time - intended send time; open model, coordinated omission corrected)"
                : "(latency = answer time - send time; closed model: read the throughput, not the latency)");
        out.println(rule);
        out.printf(Locale.ROOT,
                "RESULT model=%s target_rate=%s duration_s=%d sent=%d accepted=%d refused=%d errors=%d accepted_per_s=%.1f"
                        + " p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s submit_p99_ms=%s approve_p99_ms=%s"
                        + " measured_start_epoch_ms=%d%n",
                options.openModel() ? "open" : "closed", options.openModel() ? number(options.rate()) : "0",
                options.durationSeconds(), measured.sent(), accepted, measured.refusedCount(),
                measured.errorCount() + warmup.errorCount(), acceptedPerSecond,
                ms(all, 50), ms(all, 90), ms(all, 99), ms(all, 99.9), maxMs(all),
                ms(measured.accepted(Workload.Kind.SUBMIT), 99), ms(measured.accepted(Workload.Kind.APPROVE), 99),
                System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - measureStart));
    }

    private void latencyLine(String label, Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            out.printf(Locale.ROOT, "  %-27s %9d %8s %8s %8s %8s %8s %8s%n", label, 0, "-", "-", "-", "-", "-", "-");
            return;
        }
        out.printf(Locale.ROOT, "  %-27s %9d %8.2f %8s %8s %8s %8s %8s%n", label, histogram.getTotalCount(),
                histogram.getMean() / 1000.0, ms(histogram, 50), ms(histogram, 90), ms(histogram, 99),
                ms(histogram, 99.9), maxMs(histogram));
    }

    private static String ms(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.2f", histogram.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String maxMs(Histogram histogram) {
        return histogram.getTotalCount() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.2f", histogram.getMaxValue() / 1000.0);
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
