package com.leaveledger.console.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.console.backend.Backends;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * How long the manager's approvals page takes with 199 pending cards, served by the console's own Tomcat to a signed-in
 * HTTP client, beside the query-side call behind it (the same JSON from {@link FakeService}, fetched and parsed by the
 * console's own client): medians are PRINTED, nothing is asserted on time (docs/benchmarks.md, recipe [J2]). A
 * measurement, run only when asked: {@code -Dledger.console.timing=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.console.command-url=http://127.0.0.1:9", "ledger.console.notification-url=http://127.0.0.1:9"})
@ActiveProfiles("dev")
@EnabledIfSystemProperty(named = "ledger.console.timing", matches = "true",
        disabledReason = "a measurement: run it with -Dledger.console.timing=true")
class ManagerPageTiming {

    private static final int CARDS = 199;
    private static final int WARM_UP = 100;
    private static final int ROUNDS = 100;
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final FakeService QUERY = new FakeService();

    @LocalServerPort
    private int port;
    @Autowired
    private Backends backends;

    @DynamicPropertySource
    static void querySide(DynamicPropertyRegistry registry) {
        registry.add("ledger.console.query-url", QUERY::url);
    }

    @AfterAll
    static void stop() {
        QUERY.close();
    }

    @Test
    void timesTheManagersPageBesideItsCall() throws Exception {
        QUERY.answer("/api/managers/mia/pending-approvals", Approvals.page(CARDS, "MANAGER"));
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        Matcher csrf = CSRF.matcher(get(browser, "/signin"));
        assertThat(csrf.find()).isTrue();
        browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("employeeId=mia&roles=MANAGER&_csrf=" + csrf.group(1)))
                .build(), HttpResponse.BodyHandlers.discarding());
        Supplier<String> page = () -> get(browser, "/manager");
        Runnable call = () -> backends.query().getMap("t", uri -> uri.path("/api/managers/mia/pending-approvals")
                .queryParam("size", 200).build());
        String html = page.get();
        assertThat(html.split("class=\"card approval\"", -1)).hasSize(CARDS + 1);
        double pageMs = median(page::get);
        double callMs = median(call);
        System.out.printf("manager page, %d cards: page %.2f ms, its query-side call %.2f ms (median of %d, after %d"
                + " warm-up); %d bytes of HTML%n", CARDS, pageMs, callMs, ROUNDS, WARM_UP, html.length());
    }

    private String get(HttpClient browser, String path) {
        try {
            return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
    private static double median(Runnable action) {
        for (int i = 0; i < WARM_UP; i++) {
            action.run();
        }
        double[] times = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            action.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[ROUNDS / 2];
    }

    private static double median(Supplier<?> action) {
        return median((Runnable) action::get);
    }
}
