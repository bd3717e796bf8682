package com.leaveledger.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * The run's managers and employees, with ids unique to the run ({@code <runId>-m-0001},
 * {@code <runId>-e-000001}) so that repeated runs against the same ledger never collide.
 * Registration is the unmeasured setup phase.
 */
final class Population {

    record Person(String id, String managerId, String token, String managerToken) {
    }

    private static final String HR_SUBJECT = "bench-hr";
    private static final int ATTEMPTS = 3;

    private final List<Person> managers;
    private final List<Person> employees;
    private final String hrToken;

    private Population(List<Person> managers, List<Person> employees, String hrToken) {
        this.managers = managers;
        this.employees = employees;
        this.hrToken = hrToken;
    }

    static Population of(Options options, Tokens tokens) {
        List<Person> managers = new ArrayList<>(options.managers());
        for (int i = 1; i <= options.managers(); i++) {
            String id = String.format(Locale.ROOT, "%s-m-%04d", options.runId(), i);
            managers.add(new Person(id, null, tokens.mint(id, List.of("EMPLOYEE", "MANAGER")), null));
        }
        List<Person> employees = new ArrayList<>(options.employees());
        for (int i = 1; i <= options.employees(); i++) {
            String id = String.format(Locale.ROOT, "%s-e-%06d", options.runId(), i);
            Person manager = managers.get((i - 1) % managers.size());
            employees.add(new Person(id, manager.id(), tokens.mint(id, List.of("EMPLOYEE")), manager.token()));
        }
        return new Population(List.copyOf(managers), List.copyOf(employees), tokens.mint(HR_SUBJECT, List.of("HR")));
    }

    List<Person> employees() {
        return employees;
    }

    /** Registers managers, then employees, then grants each employee the ANNUAL entitlement. */
    void register(CommandApi api, Options options, PrintStream out) throws InterruptedException {
        long started = System.nanoTime();
        runAll("register managers", managers.size(), options.setupParallelism(), out,
                i -> api.post("/api/employees", hrToken, employeeBody(managers.get(i), options)),
                status -> status / 100 == 2 || status == 409);
        runAll("register employees", employees.size(), options.setupParallelism(), out,
                i -> api.post("/api/employees", hrToken, employeeBody(employees.get(i), options)),
                status -> status / 100 == 2 || status == 409);
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("days", options.entitlementDays());
        grant.put("reason", "bench " + options.runId() + " setup");
        runAll("grant entitlements", employees.size(), options.setupParallelism(), out,
                i -> api.post(String.format(Locale.ROOT, "/api/leave-accounts/%s/ANNUAL/%d/entitlements",
                        employees.get(i).id(), options.year()), hrToken, grant),
                status -> status / 100 == 2);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "setup: %d managers + %d employees registered, %d ANNUAL %d entitlements of %d days granted in %.1f s (%.0f commands/s, not measured)%n",
                managers.size(), employees.size(), employees.size(), options.year(), options.entitlementDays(),
                seconds, (managers.size() + 2.0 * employees.size()) / seconds);
    }

    private static Map<String, Object> employeeBody(Person person, Options options) {
        String digits = person.id().replaceAll("\\D", "");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", person.id());
        body.put("name", "Bench " + person.id());
        body.put("email", person.id() + "@bench.example.com");
        body.put("phone", "+49151" + digits.substring(Math.max(0, digits.length() - 8)));
        body.put("pushToken", "bench-push-" + person.id());
        body.put("managerId", person.managerId());
        body.put("country", options.country());
        body.put("subdivision", options.subdivision());
        return body;
    }

    /**
     * Sends {@code count} requests with at most {@code parallelism} outstanding; retries transport
     * errors; throws {@link SetupException} naming the first failures if any request is refused.
     */
    private static void runAll(String step, int count, int parallelism, PrintStream out,
            IntFunction<CompletableFuture<CommandApi.Response>> request,
            IntPredicate acceptable) throws InterruptedException {
        long started = System.nanoTime();
        Semaphore permits = new Semaphore(parallelism);
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstFailures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            int index = i;
            attempt(() -> request.apply(index), ATTEMPTS).whenComplete((response, error) -> {
                String failure = null;
                if (error != null) {
                    failure = describe(error);
                } else if (!acceptable.test(response.statusCode())) {
                    failure = "HTTP " + response.statusCode() + " " + CommandApi.problemName(response)
                            + " (" + response.path() + ")";
                }
                if (failure != null && failures.incrementAndGet() <= 5) {
                    firstFailures.add(failure);
                }
                permits.release();
            });
            if (failures.get() > 20) {
                break;
            }
        }
        permits.acquire(parallelism);
        if (failures.get() > 0) {
            throw new SetupException(step + " failed for " + failures.get() + " of " + count
                    + " (stopped after 20); first: " + String.join("; ", firstFailures));
        }
        out.printf(Locale.ROOT, "setup: %-20s %6d in %5.1f s%n", step, count, (System.nanoTime() - started) / 1e9);
    }

    private static CompletableFuture<CommandApi.Response> attempt(
            Supplier<CompletableFuture<CommandApi.Response>> request, int attemptsLeft) {
        return request.get().handle((response, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(response);
            }
            if (attemptsLeft > 1 && unwrap(error) instanceof IOException) {
                return attempt(request, attemptsLeft - 1);
            }
            return CompletableFuture.<CommandApi.Response>failedFuture(error);
        }).thenCompose(future -> future);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            message = cause instanceof java.net.ConnectException ? "connection refused" : null;
        }
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }
}
