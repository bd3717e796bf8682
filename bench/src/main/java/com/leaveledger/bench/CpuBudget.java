package com.leaveledger.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during the measured window, per process group, read from {@code /proc} (Linux only;
 * elsewhere it reports nothing). Everything shares the same cores, so "CPU ms per accepted command" per group is
 * the budget a command costs, and the machine's busy share tells whether the run was CPU-bound. Per group, it also
 * sums the time its threads were ready to run but waited for a core ({@code /proc/<pid>/task/<tid>/schedstat}, the
 * second field): the share of a command's latency that the others' work took (ADR 0025).
 * <p>
 * On a machine shared with other work, {@code BENCH_COMMAND_PID} names the one command side measured (any other
 * command side counts as "other") and {@code BENCH_DATABASE} the one database: PostgreSQL's processes serving
 * another database count as "postgres, other databases" (bench/run-overhead sets both).
 */
final class CpuBudget {

    /** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every architecture we run on. */
    private static final double TICK_MS = 10.0;
    private static final List<String> GROUPS = List.of("command-side", "query-side", "notification-saga",
            "postgres", "postgres, other databases", "kafka broker", "load driver", "other");

    private final long self = ProcessHandle.current().pid();
    private final String commandPid = System.getenv("BENCH_COMMAND_PID");
    private final String database = System.getenv("BENCH_DATABASE");

    /** Prefix of the keys that hold a group's run-queue wait (ns) in a snapshot. */
    private static final String WAIT = "wait ";

    /**
     * Cumulative CPU ticks per group (processes alive now), each group's run-queue wait in ns (key "wait " + group),
     * plus "machine busy" and "machine total".
     */
    Map<String, Long> snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        GROUPS.forEach(group -> ticks.put(group, 0L));
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        long used = processTicks(p);
                        if (used > 0) {
                            String group = group(p);
                            ticks.merge(group, used, Long::sum);
                            ticks.merge(WAIT + group, runQueueWaitNanos(p), Long::sum);
                        }
                    });
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            long total = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                long value = Long.parseLong(cpu[i]);
                total += value;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += value;
                }
            }
            ticks.put("machine busy", busy);
            ticks.put("machine total", total);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    /** Lines for the report: CPU ms per accepted command per group, and the machine's busy share. */
    static List<String> describe(Map<String, Long> before, Map<String, Long> after, long accepted) {
        if (before.isEmpty() || after.isEmpty() || accepted == 0) {
            return List.of();
        }
        StringBuilder perGroup = new StringBuilder();
        double sum = 0;
        for (String group : GROUPS) {
            long used = after.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
            if (used <= 0) {
                continue;
            }
            double msPerCommand = used * TICK_MS / accepted;
            sum += msPerCommand;
            perGroup.append(String.format(Locale.ROOT, "%s %.2f  ", group, msPerCommand));
        }
        StringBuilder waits = new StringBuilder();
        for (String group : GROUPS) {
            long waited = after.getOrDefault(WAIT + group, 0L) - before.getOrDefault(WAIT + group, 0L);
            if (waited > 0) {
                waits.append(String.format(Locale.ROOT, "%s %.2f  ", group, waited / 1e6 / accepted));
            }
        }
        long busy = after.get("machine busy") - before.get("machine busy");
        long total = after.get("machine total") - before.get("machine total");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-22s %s(sum %.2f ms; processes that ended in the window are missed)",
                "cpu ms per command", perGroup, sum));
        if (!waits.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "%-22s %s(threads ready to run, waiting for a core)",
                    "waited ms per command", waits));
        }
        lines.add(String.format(Locale.ROOT, "%-22s %.0f%% of %d cores busy in the measured window",
                "machine", total > 0 ? 100.0 * busy / total : 0, Runtime.getRuntime().availableProcessors()));
        return lines;
    }

    private String group(Path process) {
        long pid = Long.parseLong(process.getFileName().toString());
        if (pid == self) {
            return "load driver";
        }
        String command = read(process.resolve("cmdline")).replace('\0', ' ');
        String name = read(process.resolve("comm")).trim();
        if (name.equals("postgres")) {
            // a backend's title: "postgres: 15/main: <user> <database> <client> <state>"
            return database == null || command.contains(" " + database + " ") ? "postgres" : "postgres, other databases";
        }
        if (commandPid != null && !commandPid.isBlank()) {
            if (commandPid.equals(String.valueOf(pid))) {
                return "command-side";
            }
            if (command.contains("command-side") && command.contains(".jar")) {
                return "other";
            }
        }
        for (String service : List.of("command-side", "query-side", "notification-saga")) {
            if (command.contains(service) && command.contains(".jar")) {
                return service;
            }
        }
        if (command.contains("kafka.Kafka") || command.contains("kafka/libs")) {
            return "kafka broker";
        }
        return "other";
    }

    private static long processTicks(Path process) {
        String stat = read(process.resolve("stat"));
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return 0;
        }
        String[] fields = stat.substring(end + 2).split(" ");
        // After "pid (comm) ": state is field 3, utime field 14, stime field 15 (1-based over the whole line).
        return fields.length > 12 ? Long.parseLong(fields[11]) + Long.parseLong(fields[12]) : 0;
    }

    /** Sum over the process's threads of the time they waited on a run queue, in ns; 0 without schedstats. */
    private static long runQueueWaitNanos(Path process) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String[] fields = read(task.resolve("schedstat")).trim().split(" ");
                if (fields.length >= 2) {
                    sum += Long.parseLong(fields[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return sum;
        }
        return sum;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
