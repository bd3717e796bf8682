package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.e2e.Ledger.Person;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The console's pages with 2,000 employees loaded (issue 25, point 8): the manager, compliance and engineer pages
 * make at most one call to each service they show — counted by the services themselves
 * ({@code http_server_requests_seconds_count} on {@code /actuator/prometheus}, before and after the page) — and
 * render about as quickly as the API calls behind them: each page is timed beside the same calls made directly with
 * the same token, and the figures are printed ({@code docs/benchmarks.md}). The only timed assertion is a generous
 * bound (a page within five times its calls plus a second, by the median; a call per row would be 199 calls).
 * <p>
 * A measurement, not part of the suite: its 6,000 commands take minutes, so it runs only when asked,
 * {@code -Dledger.e2e.scale=true} (docs/benchmarks.md, recipe [J]).
 */
@EnabledIfSystemProperty(named = "ledger.e2e.scale", matches = "true",
        disabledReason = "a measurement: run it with -Dledger.e2e.scale=true (docs/benchmarks.md, recipe [J])")
class ConsoleAtScaleE2eIT {

    private static final int EMPLOYEES = 2_000;
    private static final int MANAGERS = 10;
    private static final int ROUNDS = 15;
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final Pattern REQUESTS = Pattern.compile(
            // the labels up to the line's last brace: a uri label holds braces of its own ({id})
            "^http_server_requests_seconds_count\\{(.*)\\}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);
    private static final Pattern URI_LABEL = Pattern.compile("uri=\"([^\"]*)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private static LedgerSystem system;
    private static ServiceProcess commands;
    private static ServiceProcess query;
    private static ServiceProcess notifications;
    private static ServiceProcess console;
    private static final List<Person> managers = new ArrayList<>();
    private static final List<Person> reports = new ArrayList<>();

    @BeforeAll
    static void startTheSystemWithTwoThousandEmployees() throws Exception {
        system = LedgerSystem.start();
        // logs of their own (at-scale-*.log), beside those of the other end-to-end tests; one after the other, so that
        // on a busy machine each starts within its time
        commands = system.startCommandSide("at-scale-command-side");
        LedgerSystem.awaitUp(commands);
        query = system.startQuerySide("at-scale-query-side");
        LedgerSystem.awaitUp(query);
        notifications = system.startNotificationSaga("at-scale-notification-saga");
        LedgerSystem.awaitUp(notifications);
        console = system.startConsole("at-scale-console", commands, query, notifications);
        LedgerSystem.awaitUp(console);
        load();
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void eachPageCallsEachServiceItShowsAtMostOnceAndTakesAboutAsLongAsItsCalls() throws Exception {
        Person boss = managers.get(0);
        Person report = reports.get(0);
        String engineerToken = Http.token("engineer-scale", "ENGINEER");
        String auditorToken = Http.token("auditor-scale", "COMPLIANCE");
        Session manager = Session.signIn(boss.id(), "EMPLOYEE", "MANAGER");
        Session auditor = Session.signIn("auditor-scale", "COMPLIANCE");
        Session engineer = Session.signIn("engineer-scale", "ENGINEER");
        String timeline = "/api/audit/employees/" + report.id() + "?page=0&size=50";

        List<Page> pages = List.of(
                new Page("manager: pending approvals", manager, "/manager", Map.of(query,
                        "/api/managers/" + boss.id() + "/pending-approvals?size=200"), boss.token()),
                new Page("manager: month grid", manager, "/manager/calendar?month=2027-03", Map.of(query,
                        "/api/team-calendar?managerId=" + boss.id() + "&from=2027-03-01&to=2027-03-31"), boss.token()),
                new Page("compliance: timeline", auditor, "/compliance?employeeId=" + report.id(),
                        Map.of(query, timeline), auditorToken),
                new Page("engineer: projections, breakers", engineer, "/engineer", orderedMap(query,
                        "/admin/projections", notifications, "/admin/circuit-breakers"), engineerToken),
                new Page("engineer: latest notifications", engineer, "/engineer/notifications",
                        Map.of(notifications, "/admin/notifications?limit=50"), engineerToken));

        System.out.printf("Console pages with %,d employees (%d reports of %s pending), %d rounds, median / p90 ms, "
                + "load average %s%n", EMPLOYEES, EMPLOYEES / MANAGERS - 1, boss.id(), ROUNDS, loadAverage());
        System.out.printf("%-34s %-36s %17s %17s %7s%n", "page", "calls (service: count)", "page", "its API calls",
                "ratio");
        for (Page page : pages) {
            Map<String, Long> calls = page.countCalls();
            for (ServiceProcess service : List.of(commands, query, notifications)) {
                long expected = page.apis().containsKey(service) ? 1 : 0;
                assertThat(calls.get(service.name())).as("%s: calls to %s", page.name(), service.name())
                        .isEqualTo(expected);
            }
            page.time(2);
            long[][] times = page.time(ROUNDS);
            long pageMedian = percentile(times[0], 50);
            long apiMedian = percentile(times[1], 50);
            System.out.printf("%-34s %-36s %8.1f / %6.1f %8.1f / %6.1f %6.2fx%n", page.name(), calls,
                    pageMedian / 1e6, percentile(times[0], 90) / 1e6, apiMedian / 1e6, percentile(times[1], 90) / 1e6,
                    (double) pageMedian / apiMedian);
            assertThat(pageMedian).as("%s: page median within 5x its calls' + 1 s", page.name())
                    .isLessThanOrEqualTo(5 * apiMedian + 1_000_000_000L);
        }
        System.out.printf("load average after: %s%n", loadAverage());
        String managerPage = manager.get("/manager");
        assertThat(count(managerPage, "data-request=")).as("every pending approval on one page")
                .isEqualTo(EMPLOYEES / MANAGERS - 1);
    }

    // --- the load ------------------------------------------------------------------------------------------

    /** 10 managers with 199 reports each, each report granted 25 days of 2027 and asking for two of them. */
    private static void load() throws Exception {
        Ledger ledger = new Ledger(commands);
        for (int m = 0; m < MANAGERS; m++) {
            Person manager = Person.manager("boss" + m);
            ledger.register(manager);
            managers.add(manager);
        }
        for (int r = 0; r < EMPLOYEES - MANAGERS; r++) {
            reports.add(Person.reportingTo("staff" + r, managers.get(r % MANAGERS)));
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < reports.size(); r++) {
                Person report = reports.get(r);
                int week = r % 40;
                done.add(pool.submit(() -> {
                    ledger.register(report);
                    ledger.grant(report, 2027, 25);
                    LocalDate monday = LocalDate.of(2027, 1, 4).plusWeeks(week);
                    ledger.submit(report, monday.toString(), monday.plusDays(1).toString(), "scale-" + report.id());
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("loaded %,d employees, %,d grants and %,d requests in %.1f s%n", EMPLOYEES, reports.size(),
                reports.size(), (System.nanoTime() - started) / 1e9);
        // the read side and the notifications have caught up, so that nothing else runs while pages are timed
        Person boss = managers.get(0);
        await("pending approvals projected").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() ->
                Http.get(query, "/api/managers/" + boss.id() + "/pending-approvals?size=1", boss.token()).body()
                        .path("totalItems").asLong() == EMPLOYEES / MANAGERS - 1);
        await("projections caught up").atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode all = Http.get(query, "/admin/projections", Ledger.ENGINEER).body();
            for (JsonNode projection : all) {
                if (projection.path("lag").asLong() != 0) {
                    return false;
                }
            }
            return all.size() == 4;
        });
        AtomicLong lastSeen = new AtomicLong(-1);
        await("notifications settled").atMost(PATIENCE).pollInterval(Duration.ofSeconds(3)).until(() -> {
            long now = sum(metrics(notifications), "ledger_notifications_deliveries_total");
            return now > 0 && now == lastSeen.getAndSet(now);
        });
    }

    // --- pages and their calls -----------------------------------------------------------------------------

    /** A console page and the API calls behind it ({@code apis}: service → path), made with {@code token}. */
    private record Page(String name, Session session, String path, Map<ServiceProcess, String> apis, String token) {

        /** Each service's API calls (not actuator) while the page loads once, counted by the service. */
        Map<String, Long> countCalls() throws Exception {
            Map<String, Long> before = new LinkedHashMap<>();
            for (ServiceProcess service : List.of(commands, query, notifications)) {
                before.put(service.name(), apiRequests(service));
            }
            String html = session.get(path);
            assertThat(html).as("%s renders without a banner", name).doesNotContain("class=\"notice ");
            for (ServiceProcess service : apis.keySet()) {
                // a service records a request as it completes; on a loaded machine a scrape itself takes seconds
                await(name + " recorded by " + service.name()).atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> apiRequests(service) > before.get(service.name()));
            }
            Map<String, Long> calls = new LinkedHashMap<>();
            for (ServiceProcess service : List.of(commands, query, notifications)) {
                calls.put(service.name(), apiRequests(service) - before.get(service.name()));
            }
            return calls;
        }

        /** {@code rounds} timings of the page and of its calls made directly, interleaved: [page ns][calls ns]. */
        long[][] time(int rounds) throws Exception {
            long[] pageTimes = new long[rounds];
            long[] apiTimes = new long[rounds];
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                session.get(path);
                pageTimes[round] = System.nanoTime() - start;
                start = System.nanoTime();
                for (Map.Entry<ServiceProcess, String> api : apis.entrySet()) {
                    HttpResponse<byte[]> answer = Session.CLIENT.send(HttpRequest.newBuilder(api.getKey()
                                    .uri(api.getValue())).header("Authorization", "Bearer " + token).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(answer.statusCode()).as("%s %s", api.getKey().name(), api.getValue()).isEqualTo(200);
                }
                apiTimes[round] = System.nanoTime() - start;
            }
            return new long[][] {pageTimes, apiTimes};
        }
    }

    /** A signed-in browser session of the console, over plain HTTP (the dev sign-in form, its CSRF token). */
    private record Session(HttpClient client) {

        static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        static Session signIn(String employeeId, String... roles) throws Exception {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
            Session session = new Session(client);
            Matcher csrf = CSRF.matcher(session.get("/signin"));
            assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
            StringBuilder form = new StringBuilder("_csrf=" + encode(csrf.group(1)) + "&employeeId="
                    + encode(employeeId));
            Arrays.stream(roles).forEach(role -> form.append("&roles=").append(role));
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(console.uri("/signin"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.uri().getPath()).as("signed in as %s", employeeId).doesNotStartWith("/signin");
            return session;
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(console.uri(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("GET %s", path).isEqualTo(200);
            return answer.body();
        }
    }

    private static long apiRequests(ServiceProcess service) throws IOException, InterruptedException {
        long total = 0;
        Matcher line = REQUESTS.matcher(metrics(service));
        while (line.find()) {
            Matcher uri = URI_LABEL.matcher(line.group(1));
            if (uri.find() && !uri.group(1).startsWith("/actuator")) {
                total += (long) Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    private static String metrics(ServiceProcess service) throws IOException, InterruptedException {
        return Session.CLIENT.send(HttpRequest.newBuilder(service.uri("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long sum(String exposition, String metric) {
        long total = 0;
        Matcher line = Pattern.compile("^" + metric + "\\{.*\\}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE)
                .matcher(exposition);
        while (line.find()) {
            total += (long) Double.parseDouble(line.group(1));
        }
        return total;
    }

    private static Map<ServiceProcess, String> orderedMap(ServiceProcess first, String firstPath,
                                                          ServiceProcess second, String secondPath) {
        Map<ServiceProcess, String> map = new LinkedHashMap<>();
        map.put(first, firstPath);
        map.put(second, secondPath);
        return map;
    }

    /** This machine's load averages (1, 5, 15 min), where Linux tells them: the figures' context. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
