package com.leaveledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.e2e.Ledger.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web console in a real browser (headless Chromium) against the real services: each user's journey — an
 * employee requests leave and meets refusals next to the field they concern, a manager approves with a comment and
 * reads the month grid, HR approves a request's second level, a manager delegates their approvals and revokes the
 * delegation, compliance reads a timeline, balances as of an instant, verifies the ledger and downloads an
 * export, an engineer watches a replay and retries or dismisses dead letters — and the
 * refusals a person can meet (403, an expired session, a service that is down). Screenshots land in
 * {@code e2e/target/screenshots}.
 *
 * <p>Skipped, with a message, when this machine has no Chromium; on CI ({@code CI=true}) its absence fails the run
 * ({@code .ci/run} installs it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleE2eIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String YEAR = "2027";

    private static LedgerSystem system;
    private static ServiceProcess commands;
    private static ServiceProcess query;
    private static ServiceProcess notifications;
    private static ServiceProcess console;
    private static Ledger ledger;
    private static Browser browser;
    private static Person manager;
    private static Person employee;
    private static String requestId;

    @BeforeAll
    static void startTheSystemAndABrowser() {
        if (!Browser.available()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but no Chromium at " + Browser.CHROMIUM + " / "
                        + Browser.CHROMEDRIVER + ": .ci/run installs Debian's chromium and chromium-driver");
            }
            Assumptions.abort("no Chromium at " + Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver): the console's browser tests are skipped");
        }
        system = LedgerSystem.start();
        commands = system.startCommandSide("command-side");
        query = system.startQuerySide("query-side");
        notifications = system.startNotificationSaga("notification-saga");
        console = system.startConsole("console", commands, query, notifications);
        LedgerSystem.awaitUp(commands, query, notifications, console);
        ledger = new Ledger(commands);
        manager = Person.manager("mia");
        employee = Person.reportingTo("eli", manager);
        ledger.register(manager);
        ledger.register(employee);
        ledger.grant(employee, Integer.parseInt(YEAR), 10);
        browser = Browser.open("http://localhost:" + console.port());
    }

    @AfterEach
    void signOut() {
        if (browser != null) {
            browser.driver().manage().deleteAllCookies();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void employeeSeesTheWorkingDaysBeforeAndAfterRequestingLeaveAndEachRefusalNextToItsField() {
        browser.signIn(employee.id(), "EMPLOYEE");
        assertThat(browser.path()).startsWith("/employee");
        reloadUntil("/employee?year=" + YEAR, "tr[data-leave-type='ANNUAL'] td.available");
        assertThat(browser.text("tr[data-leave-type='ANNUAL'] td.available")).isEqualTo("10.0");
        assertEveryFieldLabelled();

        browser.set("#startDate", "2027-03-01");
        browser.set("#endDate", "2027-03-05");
        browser.script("document.getElementById('endDate').dispatchEvent(new Event('change', {bubbles: true}))");
        assertThat(browser.await("#preview-days").getText()).as("working days before submitting").isEqualTo("5.0");

        requestLeave("2027-03-01", "2027-03-05");
        WebElement days = browser.await("#working-days");
        assertThat(days.getText()).isEqualTo("5.0");
        requestId = browser.find("#request-summary code").getText();
        reloadUntil("/employee?year=" + YEAR, "#requests tr[data-request='" + requestId + "']");
        browser.screenshot("employee-requested");

        requestLeave("2027-03-04", "2027-03-09");
        assertThat(browser.await("#startDate-error").getText()).contains("already have leave");
        browser.screenshot("employee-refused-overlap");

        requestLeave("2027-06-01", "2027-06-30");
        assertThat(browser.await("#leaveType-error").getText()).contains("Not enough days");

        requestLeave("2027-03-13", "2027-03-14");
        assertThat(browser.await("#startDate-error").getText()).contains("no working day");
        assertThat(browser.await("#preview-refusal").getText()).contains("no working day");
        assertThat(browser.all("#endDate-error")).isEmpty();
    }

    @Test
    @Order(2)
    void managerSeesTheBalanceBesideTheRequestApprovesWithACommentAndSeesTheMonthGridWithHolidays() {
        browser.signIn(manager.id(), "EMPLOYEE", "MANAGER");
        reloadUntil("/manager", "article[data-request='" + requestId + "']");
        WebElement balance = browser.find("#balance-" + requestId + " tr[data-year='" + YEAR + "'] td.available");
        assertThat(balance.getText()).isEqualTo("5.0");
        assertEveryFieldLabelled();
        browser.screenshot("manager-pending");

        browser.type("#comment-" + requestId, "enjoy the snow");
        browser.find("article[data-request='" + requestId + "'] button.approve").click();
        assertThat(eventually(".notice.info", "Approved")).startsWith("Approved");

        String approvedDay = "td[data-date='2027-03-02'] li.APPROVED";
        reloadUntil("/manager/calendar?month=2027-03", approvedDay);
        assertThat(browser.text(approvedDay)).contains("Name of " + employee.id());
        assertThat(browser.all("td[data-date='2027-03-06'].weekend li")).isEmpty();
        assertThat(browser.text("td[data-date='2027-03-26'].holiday ul.holidays")).contains("Good Friday (DE-BE)");
        assertThat(browser.all("td[data-date='2027-03-25'].holiday")).isEmpty();
        browser.screenshot("manager-calendar");
    }

    @Test
    @Order(3)
    void complianceReadsAndFiltersATimelineExpandsAnEventAndDownloadsAnExport() throws IOException {
        browser.signIn("auditor-e2e", "COMPLIANCE");
        String timeline = "/compliance?employeeId=" + employee.id();
        reloadUntil(timeline + "&type=LeaveApproved", "details[data-type='LeaveApprovedEvent']");
        assertThat(browser.all("#timeline details")).allSatisfy(event ->
                assertThat(event.getDomAttribute("data-type")).isEqualTo("LeaveApprovedEvent"));
        WebElement approved = browser.find("details[data-type='LeaveApprovedEvent']");
        approved.findElement(By.tagName("summary")).click();
        assertThat(approved.findElement(By.cssSelector(".payload")).getText()).contains("enjoy the snow");
        assertThat(approved.getText()).contains("Correlation").contains("Causation").contains(manager.id());

        browser.go(timeline);
        assertThat(browser.all("#timeline details")).hasSizeGreaterThanOrEqualTo(4);
        browser.find("#timeline details summary").click();
        assertEveryFieldLabelled();
        browser.screenshot("compliance-timeline");

        // each event links its request (inside the collapsed event: followed as a link, not clicked)
        browser.driver().get(browser.find("#timeline a[href$='/compliance/requests/" + requestId + "']")
                .getDomProperty("href"));
        assertThat(browser.text("h1")).contains("Request");
        assertThat(browser.all("#timeline details[data-type='LeaveRequestedEvent']")).hasSize(1);

        browser.go("/compliance/balances?employeeId=" + employee.id());
        assertThat(browser.text("tr[data-leave-type='ANNUAL'] td.available")).isEqualTo("5.0");
        browser.go("/compliance/balances?employeeId=" + employee.id() + "&asOf=2000-01-01T00:00:00");
        assertThat(browser.all("tr[data-leave-type]")).isEmpty();

        browser.go("/compliance/integrity");
        browser.find("#verify-now").click();
        assertThat(browser.text("#integrity-result .status")).isEqualTo("VERIFIED");

        browser.go(timeline);
        browser.set("#export-from", "2020-01-01");
        browser.set("#export-to", "2099-12-31");
        browser.find("#download-export").click();
        Path csv = await("the export downloaded").atMost(PATIENCE).until(() -> download(".csv"), Optional::isPresent)
                .orElseThrow();
        assertThat(Files.readString(csv)).contains(employee.id()).contains(requestId);
    }

    @Test
    @Order(4)
    void engineerSeesProjectionsWatchesAReplayAndReadsBreakersDeadLettersAndNotifications() {
        browser.signIn("engineer-e2e", "ENGINEER");
        browser.go("/engineer");
        assertThat(browser.all("#projections tr[data-projection]")).extracting(r -> r.getDomAttribute("data-projection"))
                .contains("employees", "leave-requests", "balances", "audit-log");
        assertThat(browser.all("#projections .status.RUNNING")).hasSize(4);
        assertThat(browser.text("#breakers tr[data-breaker='email']")).contains("CLOSED");
        assertThat(browser.all("#breakers tr[data-breaker]")).extracting(r -> r.getDomAttribute("data-breaker"))
                .contains("email", "push", "sms");

        browser.find("button[aria-label='Replay balances']").click();
        eventually(".notice.info", "Replay of balances started");
        browser.await("#progress-balances progress");
        browser.screenshot("engineer-replay");
        WebElement done = new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), PATIENCE)
                .until(d -> d.findElements(By.cssSelector("#progress-balances .status.DONE")).stream().findFirst()
                        .orElse(null));
        assertThat(done.getText()).isEqualTo("DONE");
        assertThat(browser.text("#progress-balances")).containsPattern("\\d+/\\d+");

        browser.go("/engineer/dead-letters");
        assertThat(browser.text("h1")).isEqualTo("Notification dead letters");

        // engineers see each request's notifications per channel: the latest requests, or one request
        reloadUntil("/engineer/notifications", "#notifications section[data-request='" + requestId + "'] .status.SENT");
        String mine = "#notifications section[data-request='" + requestId + "'] ";
        assertThat(browser.all(mine + "tr[data-channel]")).extracting(r -> r.getDomAttribute("data-channel"))
                .contains("EMAIL", "AUDIT");
        assertThat(browser.text(mine + "tr[data-channel='EMAIL'] .attempts")).isEqualTo("1");
        browser.screenshot("engineer-notifications");
        browser.go("/engineer/notifications?leaveRequestId=" + requestId);
        assertThat(browser.all("#notifications section[data-request]")).hasSize(1);
        assertThat(browser.text(mine)).contains("EMAIL").contains("SENT");
    }

    @Test
    @Order(5)
    void engineerDismissesAProjectionDeadLetterWithAReasonAndRetriesTheRest() {
        Person refused = Person.reportingTo("rafa", manager);
        ledger.register(refused);
        String first;
        try (RefusedRows trigger = RefusedRows.balances(refused.id())) {
            ledger.grant(refused, Integer.parseInt(YEAR), 7);
            ledger.grant(refused, Integer.parseInt(YEAR) + 1, 8);
            first = RefusedRows.awaitLetters(query, refused.id(), 2).get(0).path("id").asText();
        }
        browser.signIn("engineer-e2e", "ENGINEER");
        browser.go("/engineer/projections/balances/dead-letters");
        assertThat(browser.all("article[data-letter]")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(browser.text("article[data-letter='" + first + "'] .cause")).contains("refused by the e2e trigger");
        assertEveryFieldLabelled();
        browser.screenshot("engineer-projection-dead-letters");

        String reason = "grant entered twice, corrected by HR";
        browser.type("#dismiss-" + first, reason);
        browser.find("article[data-letter='" + first + "'] button.reject").click();
        assertThat(eventually(".notice.info", "dismissed")).contains("dismissed by engineer-e2e: " + reason);
        assertThat(browser.all("article[data-letter='" + first + "']")).isEmpty();
        assertThat(query.tail(400)).contains("dead letter " + first + " of balances dismissed by engineer-e2e: "
                + reason);

        // the trigger is gone: a retry applies the letter that was behind the dismissed one
        browser.find("form[action$='/dead-letters/retry'] button").click();
        eventually(".notice.info", "handed to the projection again");
        assertThat(browser.all("article[data-letter]")).isEmpty();
        await("the letter behind the dismissed one applied").atMost(PATIENCE).until(() ->
                Ledger.annualBalance(query, refused, Integer.parseInt(YEAR) + 1).startsWith("8.0/"));
        assertThat(Ledger.annualBalance(query, refused, Integer.parseInt(YEAR))).isEqualTo("none");
    }

    @Test
    @Order(6)
    void engineerRetriesOneDeadLetterAndDismissesAnotherWithAReason() {
        system.stopSmtp();
        try {
            String undelivered = ledger.submit(employee, "2027-04-06", "2027-04-07", "console-dlq-1");
            ledger.submit(employee, "2027-05-04", "2027-05-05", "console-dlq-2");
            browser.signIn("engineer-e2e", "ENGINEER");
            await("two dead letters").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.go("/engineer/dead-letters");
                return browser.all("article[data-dead-letter]").size() >= 2;
            });
            // the request's notices per channel: dead-lettered after their attempts, with the last error
            browser.go("/engineer/notifications?leaveRequestId=" + undelivered);
            WebElement email = browser.find("#notifications tr[data-channel='EMAIL']");
            assertThat(email.findElement(By.cssSelector(".status")).getText()).isEqualTo("DEAD_LETTERED");
            assertThat(Integer.parseInt(email.findElement(By.cssSelector(".attempts")).getText())).isGreaterThan(1);
            assertThat(email.findElement(By.cssSelector(".last-error")).getText()).isNotBlank();
        } finally {
            system.restartSmtp();
        }
        browser.go("/engineer/dead-letters");
        assertThat(browser.text("article[data-dead-letter] .cause")).contains("Cause:");
        List<String> letters = browser.all("article[data-dead-letter]").stream()
                .map(a -> a.getDomAttribute("data-dead-letter")).toList();
        browser.find("article[data-dead-letter='" + letters.get(0) + "'] button[type=submit]").click();
        eventually(".notice.info", "sent round again");

        String dismiss = "article[data-dead-letter='" + letters.get(1) + "'] ";
        browser.type(dismiss + "input[name=reason]", "duplicate notice, told the manager in person");
        browser.find(dismiss + "button.reject").click();
        eventually(".notice.info", "dismissed");
        browser.go("/engineer/dead-letters?status=DISMISSED");
        assertThat(browser.text("article[data-dead-letter='" + letters.get(1) + "']"))
                .contains("DISMISSED by engineer-e2e").contains("told the manager in person");
    }

    @Test
    @Order(7)
    void aPageTheRolesDoNotAllowAndAnExpiredSessionAreMessages() {
        browser.signIn(employee.id(), "EMPLOYEE");
        browser.go("/engineer");
        assertThat(browser.text("#error-message")).isEqualTo("Your roles do not allow this page.");

        browser.driver().manage().deleteCookieNamed("JSESSIONID");
        browser.driver().manage().addCookie(new Cookie("JSESSIONID", "expired-session"));
        browser.go("/employee");
        assertThat(browser.path()).startsWith("/signin?expired");
        assertThat(browser.text("#session-expired")).contains("Your session has expired");
    }

    @Test
    @Order(8)
    void hrSeesASecondLevelRequestWithTheLevelItPassedApprovesItAndEveryoneSeesBothLevels() {
        Person hana = Person.reportingTo("hana", manager);
        ledger.register(hana);
        ledger.grant(hana, Integer.parseInt(YEAR), 30);
        // 12 working days, more than ANNUAL's 10: the manager's level, then HR's (docs/leave-policies.md)
        String longLeave = ledger.submit(hana, "2027-09-01", "2027-09-16", "console-hr-1");
        ledger.approve(manager, longLeave, "console-hr-2");

        browser.signIn("hr-e2e", "HR");
        assertThat(browser.path()).startsWith("/hr");
        reloadUntil("/hr", "article[data-request='" + longLeave + "']");
        String card = "article[data-request='" + longLeave + "'] ";
        assertThat(browser.text(card + "li.level.passed")).contains("Level 1 (MANAGER)")
                .contains("approved by " + manager.id());
        assertThat(browser.text(card + "li.level.awaited")).contains("Level 2 (HR)").contains("awaited now");
        assertThat(browser.text("#balance-" + longLeave + " tr[data-year='" + YEAR + "'] td.available"))
                .isEqualTo("18.0");
        assertEveryFieldLabelled();
        browser.screenshot("hr-pending");

        browser.type("#comment-" + longLeave, "HR agrees");
        browser.find(card + "button.approve").click();
        assertThat(eventually(".notice.info", "Approved")).startsWith("Approved");
        reloadUntilGone("/hr", "article[data-request='" + longLeave + "']");

        // the employee's request and compliance's timeline show who passed each level
        browser.driver().manage().deleteAllCookies();
        browser.signIn(hana.id(), "EMPLOYEE");
        reloadUntil("/employee/requests/" + longLeave, "li.level.passed[data-level='2']");
        assertThat(browser.text("li.level.passed[data-level='1']")).contains("approved by " + manager.id());
        assertThat(browser.text("li.level.passed[data-level='2']")).contains("approved by hr-e2e");
        assertThat(browser.text(".status")).isEqualTo("APPROVED");
        browser.screenshot("employee-request-levels");
        browser.driver().manage().deleteAllCookies();
        browser.signIn("auditor-e2e", "COMPLIANCE");
        browser.go("/compliance/requests/" + longLeave);
        assertThat(browser.all("#request-state li.level.passed")).hasSize(2);
        assertThat(browser.text("#request-state li.level.passed[data-level='2']")).contains("hr-e2e");
    }

    @Test
    @Order(9)
    void managerDelegatesToAColleagueMeetsRefusalsNextToTheFieldsSeesItListedAndRevokesIt() {
        Person dan = Person.manager("dan");
        ledger.register(dan);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        browser.signIn(manager.id(), "EMPLOYEE", "MANAGER");
        browser.go("/manager/delegations");
        assertEveryFieldLabelled();

        delegate(manager.id(), today.plusDays(1), today.plusDays(8));
        assertThat(browser.await("#delegateId-error").getText()).contains("cannot delegate to yourself");
        delegate(dan.id(), today.minusDays(10), today.minusDays(3));
        assertThat(browser.await("#to-error").getText()).contains("over already");
        assertThat(browser.all("#delegateId-error")).isEmpty();
        browser.screenshot("manager-delegation-refused");

        delegate(dan.id(), today.plusDays(1), today.plusDays(8));
        assertThat(eventually(".notice.info", "Delegated to")).contains(dan.id());
        String row = "#delegations tr[data-delegate='" + dan.id() + "']";
        reloadUntil("/manager/delegations", row);
        assertThat(browser.text(row)).contains(today.plusDays(1).toString()).contains(today.plusDays(8).toString());
        browser.screenshot("manager-delegations");

        browser.resize(390, 844);
        try {
            browser.go("/manager/delegations");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
            // the keyboard goes from the form's button to the list's revoke button
            browser.script("document.getElementById('delegate').focus()");
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            assertThat(browser.driver().switchTo().activeElement().getDomAttribute("aria-label"))
                    .isEqualTo("Revoke the delegation to " + dan.id());
            browser.screenshot("manager-delegations-phone");
        } finally {
            browser.resize(1280, 900);
        }

        browser.find(row + " button").click();
        assertThat(eventually(".notice.info", "Delegation revoked")).contains("decides nothing more");
        reloadUntilGone("/manager/delegations", row);
    }

    @Test
    @Order(10)
    void aPhoneScreenAndTheKeyboardReachEverything() {
        browser.signIn(employee.id(), "EMPLOYEE");
        browser.resize(390, 844);
        try {
            browser.go("/employee?year=" + YEAR);
            browser.await("#requests tr[data-request]");
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(390L);
            browser.screenshot("employee-phone");
            browser.find("body").sendKeys(Keys.TAB);
            assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
        } finally {
            browser.resize(1280, 900);
        }
    }

    @Test
    @Order(11)
    void aServiceThatIsDownIsNamedAndThePageStillRenders() {
        notifications.stop();
        browser.signIn("engineer-e2e", "ENGINEER");
        browser.go("/engineer/dead-letters");
        assertThat(browser.await(".notice.error[data-service='notification-saga']").getText())
                .contains("notification-saga is not answering");
        browser.go("/engineer");
        assertThat(browser.await(".notice.error[data-service='notification-saga']").getText()).contains("circuit breakers");
        assertThat(browser.all("#projections tr[data-projection]")).hasSize(4);
        browser.screenshot("engineer-service-down");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static void delegate(String delegateId, LocalDate from, LocalDate to) {
        browser.go("/manager/delegations");
        browser.type("#delegateId", delegateId);
        browser.set("#from", from.toString());
        browser.set("#to", to.toString());
        browser.find("#delegate").click();
    }

    private static void requestLeave(String from, String to) {
        browser.go("/employee?year=" + YEAR);
        browser.set("#startDate", from);
        browser.set("#endDate", to);
        browser.find("#submit-leave").click();
    }

    /** The text of an element once it says {@code expected}: an action's outcome arrives after the click. */
    private static String eventually(String css, String expected) {
        await(css + " says " + expected).atMost(PATIENCE).ignoreExceptions()
                .until(() -> browser.text(css).contains(expected));
        return browser.text(css);
    }

    /** Opens the page again until the read side shows what the test waits for. */
    private static void reloadUntil(String path, String css) {
        await(css + " on " + path).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.go(path);
            return browser.appears(css, Duration.ofSeconds(3));
        });
    }

    /** Opens the page again until the read side no longer shows {@code css}. */
    private static void reloadUntilGone(String path, String css) {
        await(css + " gone from " + path).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.go(path);
            return browser.all(css).isEmpty();
        });
    }

    /** Every visible input, select and textarea has a label (or an aria-label). */
    private static void assertEveryFieldLabelled() {
        Object unlabelled = browser.script("return Array.from(document.querySelectorAll('input,select,textarea'))"
                + ".filter(f => f.type !== 'hidden' && f.labels.length === 0 && !f.getAttribute('aria-label'))"
                + ".map(f => f.name || f.id)");
        assertThat((List<?>) unlabelled).as("fields without a label on %s", browser.path()).isEmpty();
    }

    private static Optional<Path> download(String extension) throws IOException {
        try (Stream<Path> files = Files.list(browser.downloads())) {
            return files.filter(f -> f.toString().endsWith(extension)).findFirst();
        }
    }
}
