package com.leaveledger.bench;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Command-line options of {@link CommandLoad}; {@code --name value} or {@code --name=value}. */
record Options(
        URI baseUrl,
        int employees,
        int managers,
        double rate,
        int durationSeconds,
        int warmupSeconds,
        int concurrency,
        int maxInFlight,
        int setupParallelism,
        String country,
        String subdivision,
        int year,
        int entitlementDays,
        boolean idempotencyKeys,
        int requestTimeoutSeconds,
        String runId,
        String jwtSecret) {

    static final String DEFAULT_SECRET = "dev-only-leave-ledger-secret-change-me-0123456789abcdef";

    static final String USAGE = """
            Usage: java -jar bench/target/bench.jar [options]

              --base-url URL        command API (default http://localhost:8081)
              --employees N         employees that submit leave (default 2000)
              --managers M          managers that approve it (default 100)
              --rate R              open model: R commands/s at fixed arrival times, latency measured
                                    from the intended send time (default 500);
                                    0 = closed model: --concurrency workers back to back (the ceiling)
              --concurrency C       workers in closed model (default 32)
              --duration S          measured seconds (default 30)
              --warmup S            unmeasured seconds before that (default 5)
              --max-in-flight K     open model: cap on outstanding requests (default 512)
              --setup-parallelism P outstanding requests while registering the population (default 32)
              --country CC          ISO country of the population's holiday calendar (default DE)
              --subdivision SD      subdivision, e.g. BE (default none)
              --year Y              leave year (default 2027)
              --entitlement D       ANNUAL days granted per employee (default 300)
              --idempotency-keys B  send an Idempotency-Key on every command (default true)
              --timeout S           per-request timeout (default 30)
              --run-id ID           id prefix (default b<epochSeconds>, unique per run)
              --jwt-secret S        HS256 secret (default: env LEDGER_JWT_SECRET, else the dev default)
              --help

            Submits (~2/3) take successive single working days of the year per employee, so none
            overlap and the balance suffices; approvals (~1/3) approve requests accepted earlier
            in the run, as the employee's manager. Exit status: 0 ok, 1 transport errors during
            the load, 2 setup failed, 3 command API unreachable, 64 bad usage.
            """;

    private static final Set<String> NAMES = Set.of(
            "base-url", "employees", "managers", "rate", "duration", "warmup", "concurrency",
            "max-in-flight", "setup-parallelism", "country", "subdivision", "year", "entitlement",
            "idempotency-keys", "timeout", "run-id", "jwt-secret");

    static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument: " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException("missing value for --" + name);
            }
            if (!NAMES.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            values.put(name, value);
        }
        String secret = values.getOrDefault("jwt-secret",
                env.getOrDefault("LEDGER_JWT_SECRET", DEFAULT_SECRET));
        String subdivision = values.get("subdivision");
        Options options = new Options(
                URI.create(stripSlash(values.getOrDefault("base-url", "http://localhost:8081"))),
                intOf(values, "employees", 2000),
                intOf(values, "managers", 100),
                doubleOf(values, "rate", 500),
                intOf(values, "duration", 30),
                intOf(values, "warmup", 5),
                intOf(values, "concurrency", 32),
                intOf(values, "max-in-flight", 512),
                intOf(values, "setup-parallelism", 32),
                values.getOrDefault("country", "DE").toUpperCase(Locale.ROOT),
                subdivision == null || subdivision.isBlank() ? null : subdivision.toUpperCase(Locale.ROOT),
                intOf(values, "year", 2027),
                intOf(values, "entitlement", 300),
                Boolean.parseBoolean(values.getOrDefault("idempotency-keys", "true")),
                intOf(values, "timeout", 30),
                values.getOrDefault("run-id", "b" + Instant.now().getEpochSecond()),
                secret);
        options.validate();
        return options;
    }

    boolean openModel() {
        return rate > 0;
    }

    private void validate() {
        require(employees >= 1, "--employees must be >= 1");
        require(managers >= 1 && managers <= employees, "--managers must be between 1 and --employees");
        require(rate >= 0, "--rate must be >= 0");
        require(durationSeconds >= 1, "--duration must be >= 1");
        require(warmupSeconds >= 0, "--warmup must be >= 0");
        require(concurrency >= 1, "--concurrency must be >= 1");
        require(maxInFlight >= 1, "--max-in-flight must be >= 1");
        require(setupParallelism >= 1, "--setup-parallelism must be >= 1");
        require(entitlementDays > 0 && entitlementDays <= 366, "--entitlement must be in 1..366");
        require(requestTimeoutSeconds >= 1, "--timeout must be >= 1");
        require(runId.matches("[A-Za-z0-9_-]{1,40}"), "--run-id must be 1-40 of [A-Za-z0-9_-]");
        require(baseUrl.getScheme() != null && baseUrl.getHost() != null, "--base-url must be absolute");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UsageException(message);
        }
    }

    private static int intOf(Map<String, String> values, String name, int fallback) {
        return numberOf(values, name, fallback, Integer::parseInt, "a whole number");
    }

    private static double doubleOf(Map<String, String> values, String name, double fallback) {
        return numberOf(values, name, fallback, Double::parseDouble, "a number");
    }

    private static <T> T numberOf(Map<String, String> values, String name, T fallback, Function<String, T> parse,
            String needs) {
        String value = values.get(name);
        try {
            return value == null ? fallback : parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs " + needs + ", got " + value);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
