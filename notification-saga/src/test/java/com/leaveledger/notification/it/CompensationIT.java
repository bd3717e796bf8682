package com.leaveledger.notification.it;

import com.leaveledger.support.testing.Scrape;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A channel that fails for good falls back to email; cancelled leave withdraws its pending approval notices. */
class CompensationIT extends NotificationSagaIT {

    @Test
    void anSmsRefusedForGoodFallsBackToEmailWithoutRetrying() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        Scrape before = metrics();
        PROVIDER.stubFor(post(urlEqualTo("/sms")).atPriority(1).withRequestBody(containing(phone(employee)))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"not a mobile number\"}")));
        requested(request, employee, manager);

        String approvedId = approved(request, employee, manager);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(employee))).extracting(NotificationSagaIT::subject).containsExactlyInAnyOrder(
                    "Your leave was approved", "Your leave was approved (we could not reach you by sms)");
            assertThat(status(approvedId, Channel.SMS, employee)).isEqualTo("FALLEN_BACK");
        });
        assertThat(smsTo(phone(employee))).hasSize(1);
        Map<String, Object> sms = jdbc.queryForMap("select attempts, last_error from delivery where source_event_id = ? "
                + "and channel = 'SMS'", approvedId);
        assertThat(sms.get("attempts")).isEqualTo(1);
        assertThat((String) sms.get("last_error")).contains("http-400").contains("not a mobile number");
        assertThat(deliveryEvents("NotificationFailedEvent", request)).isEqualTo(1);
        assertThat(storedEvents("NotificationFailedEvent", request)).isEqualTo(1);
        assertThat(deliveryEvents("NotificationFellBackEvent", request)).isEqualTo(1);
        await().atMost(patience()).untilAsserted(() -> {
            Scrape after = metrics();
            assertThat(delta(before, after, "ledger_notifications_deliveries_total", "channel", "SMS",
                    "outcome", "failed")).isEqualTo(1.0);
            assertThat(delta(before, after, "ledger_notifications_deliveries_total", "channel", "SMS",
                    "outcome", "fallen-back")).isEqualTo(1.0);
        });
    }

    @Test
    void aPushFailingUntilItsRetriesRunOutFallsBackToEmail() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        Scrape before = metrics();
        PROVIDER.stubFor(post(urlEqualTo("/push")).atPriority(1).withRequestBody(containing("push-" + manager))
                .willReturn(aResponse().withStatus(503)));

        String requestedId = requested(request, employee, manager);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(requestedId, Channel.PUSH, manager)).isEqualTo("FALLEN_BACK");
            assertThat(mailsTo(email(manager))).hasSize(2);
        });
        assertThat(pushTo("push-" + manager)).hasSize(4);
        assertThat(jdbc.queryForObject("select attempts from delivery where source_event_id = ? and channel = 'PUSH'",
                Integer.class, requestedId)).isEqualTo(4);
        // 4 attempts: 3 retries; one call that failed after retrying (Resilience4j's own count); one fallback
        await().atMost(patience()).untilAsserted(() -> {
            Scrape after = metrics();
            assertThat(delta(before, after, "ledger_notifications_retries_total", "channel", "PUSH")).isEqualTo(3.0);
            assertThat(delta(before, after, "resilience4j_retry_calls_total", "name", "push",
                    "kind", "failed_with_retry")).isEqualTo(1.0);
            assertThat(delta(before, after, "ledger_notifications_deliveries_total", "channel", "PUSH",
                    "outcome", "fallen-back")).isEqualTo(1.0);
        });
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    @Test
    void cancellingApprovedLeaveWhileItsSmsIsStillRetryingCancelsItAndSendsARetraction() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        PROVIDER.stubFor(post(urlEqualTo("/sms")).atPriority(1).withRequestBody(containing(phone(employee)))
                .willReturn(aResponse().withStatus(503).withFixedDelay(1500)));
        requested(request, employee, manager);
        String approvedId = approved(request, employee, manager);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(smsTo(phone(employee))).isNotEmpty();
            assertThat(status(approvedId, Channel.EMAIL, employee)).isEqualTo("SENT");
            // on a busy machine the push may still be on its way; then it would be cancelled too
            assertThat(status(approvedId, Channel.PUSH, employee)).isEqualTo("SENT");
        });

        cancelled(request, employee, LeaveRequestStatus.APPROVED, 2);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(approvedId, Channel.SMS, employee)).isEqualTo("CANCELLED");
            assertThat(mailsTo(email(employee))).extracting(NotificationSagaIT::subject).containsExactlyInAnyOrder(
                    "Your leave was approved", "Disregard the approval of your leave: it was cancelled");
            assertThat(mailsTo(email(manager))).extracting(NotificationSagaIT::subject)
                    .contains("Name " + employee + "'s approved leave was cancelled");
        });
        int attempts = smsTo(phone(employee)).size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(smsTo(phone(employee))).hasSize(attempts);
            assertThat(mailsTo(email(employee))).hasSize(2);
        });
        assertThat(deliveryEvents("NotificationCancelledEvent", request)).isEqualTo(1);
    }
}
