package com.leaveledger.notification.it;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.springframework.beans.factory.annotation.Autowired;
import com.leaveledger.support.testing.Scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.email.SmtpEmailSender;
import com.leaveledger.notification.delivery.DeliveryIds;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** A request and its approval reach every channel of their recipients, traced and visible in the status API. */
@ExtendWith(OutputCaptureExtension.class)
class NotificationFlowIT extends NotificationSagaIT {

    @Test
    void requestReachesTheManagerAndApprovalTheEmployeeOnEveryChannel(CapturedOutput output) {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        Scrape before = metrics();

        String requestedId = requested(request, employee, manager);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(manager))).hasSize(1);
            assertThat(pushTo("push-" + manager)).hasSize(1);
        });
        MimeMessage requestMail = mailsTo(email(manager)).get(0);
        assertThat(subject(requestMail)).isEqualTo("Name " + employee + " asks for leave");
        String requestMailKey = DeliveryIds.of(requestedId, Channel.EMAIL, manager).toString();
        assertThat(header(requestMail, "Message-ID")).isEqualTo(SmtpEmailSender.messageId(requestMailKey));
        assertThat(header(requestMail, SmtpEmailSender.IDEMPOTENCY_HEADER)).isEqualTo(requestMailKey);
        LoggedRequest push = pushTo("push-" + manager).get(0);
        assertThat(push.getHeader("Idempotency-Key"))
                .isEqualTo(DeliveryIds.of(requestedId, Channel.PUSH, manager).toString());
        // every provider hears the correlation id of the HTTP request behind the event
        assertThat(push.getHeader("X-Correlation-Id")).isEqualTo("corr-" + requestedId);
        assertThat(header(requestMail, SmtpEmailSender.CORRELATION_HEADER)).isEqualTo("corr-" + requestedId);

        String approvedId = approved(request, employee, manager);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(employee))).hasSize(1);
            assertThat(smsTo(phone(employee))).hasSize(1);
            assertThat(pushTo("push-" + employee)).hasSize(1);
        });
        assertThat(subject(mailsTo(email(employee)).get(0))).isEqualTo("Your leave was approved");
        assertThat(body(smsTo(phone(employee)).get(0))).contains("was approved: enjoy");
        assertThat(smsTo(phone(employee)).get(0).getHeader("Idempotency-Key"))
                .isEqualTo(DeliveryIds.of(approvedId, Channel.SMS, employee).toString());
        assertThat(smsTo(phone(employee)).get(0).getHeader("X-Correlation-Id")).isEqualTo("corr-" + approvedId);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(approvedId, Channel.SMS, employee)).isEqualTo("SENT");
            assertThat(status(approvedId, Channel.EMAIL, employee)).isEqualTo("SENT");
            assertThat(status(approvedId, Channel.PUSH, employee)).isEqualTo("SENT");
            assertThat(status(requestedId, Channel.EMAIL, manager)).isEqualTo("SENT");
        });
        // Compliance records, traced to the event and its HTTP request's correlation id.
        List<Map<String, Object>> audit = jdbc.queryForList("select kind, recipient_id, channels, correlation_id, "
                + "actor from compliance_audit where leave_request_id = ? order by recorded_at", request);
        assertThat(audit).extracting(r -> r.get("kind") + " " + r.get("recipient_id") + " " + r.get("channels"))
                .containsExactly("LEAVE_REQUESTED " + manager + " EMAIL,PUSH",
                        "LEAVE_APPROVED " + employee + " EMAIL,SMS,PUSH");
        assertThat(audit.get(1).get("correlation_id")).isEqualTo("corr-" + approvedId);
        assertThat(audit.get(1).get("actor")).isEqualTo(employee);
        // Every outcome is an event in this service's store.
        await().atMost(patience()).untilAsserted(() ->
                assertThat(deliveryEvents("NotificationSentEvent", request)).isEqualTo(7));
        assertThat(deliveryEvents("NotificationRequestedEvent", request)).isEqualTo(5);

        // one log line per provider call, under the correlation id: grep follows the request to the provider
        String smsDelivery = DeliveryIds.of(approvedId, Channel.SMS, employee).toString();
        await().atMost(patience()).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[corr-" + approvedId + "]"))
                .filter(line -> line.contains("SMS provider call 1 of delivery " + smsDelivery + ": accepted")))
                .hasSize(1));

        // counted per channel and outcome; every provider's circuit breaker is there, closed
        Scrape after = metrics();
        for (String channel : List.of("EMAIL", "SMS", "PUSH")) {
            int expected = channel.equals("SMS") ? 1 : 2;
            assertThat(after.value("ledger_notifications_deliveries_total", "channel", channel, "outcome", "sent")
                    - before.value("ledger_notifications_deliveries_total", "channel", channel, "outcome", "sent"))
                    .as("sent by " + channel).isGreaterThanOrEqualTo(expected);
        }
        for (String provider : List.of("email", "sms", "push")) {
            assertThat(after.matching("resilience4j_circuitbreaker_state", "name", provider, "state", "closed"))
                    .singleElement().satisfies(series -> {
                        assertThat(series.value()).isEqualTo(1.0);
                        assertThat(series.labels()).containsEntry("application", "notification-saga");
                    });
        }
    }

    @Test
    void deliveryStatusIsShownPerNotificationAndChannelToThePartiesComplianceAndEngineers() {
        String manager = id("mia"), employee = id("eli"), other = id("ola"), request = id("req");
        registerTeam(manager, employee);
        requested(request, employee, manager);
        String approvedId = approved(request, employee, manager);
        awaitSent(request, 7);

        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request,
                token(employee, "EMPLOYEE"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode notifications = answer.getBody().path("notifications");
        List<String> summary = new ArrayList<>();
        notifications.forEach(n -> n.path("channels").forEach(c -> summary.add(n.path("kind").asText() + " "
                + n.path("recipientRole").asText() + " " + c.path("channel").asText() + " " + c.path("status").asText()
                + " " + c.path("attempts").asInt())));
        assertThat(summary).containsExactlyInAnyOrder(
                "LEAVE_REQUESTED MANAGER EMAIL SENT 1", "LEAVE_REQUESTED MANAGER PUSH SENT 1",
                "LEAVE_REQUESTED MANAGER AUDIT SENT 1",
                "LEAVE_APPROVED EMPLOYEE EMAIL SENT 1", "LEAVE_APPROVED EMPLOYEE SMS SENT 1",
                "LEAVE_APPROVED EMPLOYEE PUSH SENT 1", "LEAVE_APPROVED EMPLOYEE AUDIT SENT 1");
        JsonNode sms = notifications.findValues("channels").stream().flatMap(c -> {
            List<JsonNode> list = new ArrayList<>();
            c.forEach(list::add);
            return list.stream();
        }).filter(c -> c.path("channel").asText().equals("SMS")).findFirst().orElseThrow();
        assertThat(sms.path("address").asText()).isEqualTo(phone(employee));
        assertThat(sms.path("requestedAt").asText()).isNotBlank();
        assertThat(sms.path("completedAt").asText()).isNotBlank();

        assertThat(call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request, token(manager, "MANAGER"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request, token("cora", "COMPLIANCE"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> engineer = call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request,
                token("erin", "ENGINEER"));
        assertThat(engineer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engineer.getBody()).isEqualTo(answer.getBody());
        ResponseEntity<JsonNode> stranger = call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request,
                token(other, "EMPLOYEE"));
        assertThat(stranger.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(stranger.getBody().path("rule").asText()).isEqualTo("not-a-party");
        ResponseEntity<JsonNode> unknown = call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + id("nope"),
                token("cora", "COMPLIANCE"));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.GET, "/api/notifications", token("cora", "COMPLIANCE")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void notificationsAsOfAnInstantAreFoldedFromTheDeliveryEventLog() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        String requestedId = requested(request, employee, manager);
        await().atMost(patience()).untilAsserted(() -> assertThat(jdbc.queryForObject("select count(*) from delivery "
                + "where leave_request_id = ? and status = 'SENT'", Integer.class, request)).isEqualTo(3));
        UUID email = DeliveryIds.of(requestedId, Channel.EMAIL, manager);
        Instant first = jdbc.queryForObject("select min(occurred_at) from delivery_event where leave_request_id = ?",
                Timestamp.class, request).toInstant();
        Instant registered = loggedAt(email, "NotificationRequestedEvent");
        Instant sent = loggedAt(email, "NotificationSentEvent");
        assertThat(sent).isAfter(registered);
        String base = "/api/notifications/as-of?leaveRequestId=" + request + "&asOf=";
        String compliance = token("cora", "COMPLIANCE");

        JsonNode nothingYet = call(HttpMethod.GET, base + first.minus(1, ChronoUnit.MICROS), compliance).getBody();
        assertThat(nothingYet.path("notifications")).isEmpty();
        assertThat(nothingYet.path("eventsApplied").asInt()).isZero();
        JsonNode beforeSend = emailOf(call(HttpMethod.GET, base + sent.minus(1, ChronoUnit.MICROS), compliance)
                .getBody());
        assertThat(beforeSend.path("status").asText()).isEqualTo("PENDING");
        assertThat(beforeSend.path("attempts").asInt()).isZero();
        assertThat(beforeSend.path("requestedAt").asText()).isNotBlank();
        assertThat(beforeSend.path("completedAt").isNull()).isTrue();
        JsonNode atSend = call(HttpMethod.GET, base + sent, compliance).getBody();
        assertThat(atSend.path("asOf").asText()).isEqualTo(sent.toString());
        JsonNode sentEmail = emailOf(atSend);
        assertThat(sentEmail.path("status").asText()).isEqualTo("SENT");
        assertThat(sentEmail.path("attempts").asInt()).isEqualTo(1);
        assertThat(sentEmail.path("address").asText()).isEqualTo(email(manager));
        assertThat(Instant.parse(sentEmail.path("completedAt").asText())).isEqualTo(sent);

        JsonNode now = call(HttpMethod.GET, "/api/notifications/as-of?leaveRequestId=" + request, compliance)
                .getBody();
        JsonNode live = call(HttpMethod.GET, "/api/notifications?leaveRequestId=" + request, compliance).getBody();
        assertThat(summary(now)).isEqualTo(summary(live)).hasSize(3);
        ResponseEntity<JsonNode> party = call(HttpMethod.GET, base + sent, token(manager, "MANAGER"));
        assertThat(party.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(party.getBody().path("rule").asText()).isEqualTo("missing-role");
    }

    private Instant loggedAt(UUID deliveryId, String type) {
        return jdbc.queryForObject("select occurred_at from delivery_event where delivery_id = ? and type = ?",
                Timestamp.class, deliveryId, type).toInstant();
    }

    private static JsonNode emailOf(JsonNode answer) {
        for (JsonNode notification : answer.path("notifications")) {
            for (JsonNode channel : notification.path("channels")) {
                if (channel.path("channel").asText().equals("EMAIL")) {
                    return channel;
                }
            }
        }
        throw new AssertionError("no EMAIL delivery in " + answer);
    }

    private static List<String> summary(JsonNode answer) {
        List<String> summary = new ArrayList<>();
        answer.path("notifications").forEach(n -> n.path("channels").forEach(c -> summary.add(n.path("kind").asText()
                + " " + n.path("recipientRole").asText() + " " + c.path("channel").asText() + " "
                + c.path("status").asText() + " " + c.path("attempts").asInt() + " " + c.path("address").asText()
                + " " + c.path("deliveryId").asText())));
        return summary;
    }

    @Test
    void channelsTheEmployeeOptedOutOfOrHasNoAddressForAreSkipped() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        register(manager, null);
        register(employee, manager, email(employee), null, "push-" + employee, EnumSet.of(Channel.EMAIL));
        requested(request, employee, manager);

        String rejectedId = rejected(request, employee, manager);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(rejectedId, Channel.EMAIL, employee)).isEqualTo("SENT");
            assertThat(status(rejectedId, Channel.SMS, employee)).isEqualTo("SKIPPED");
            assertThat(status(rejectedId, Channel.PUSH, employee)).isEqualTo("SKIPPED");
        });
        assertThat(pushTo("push-" + employee)).isEmpty();
        assertThat(subject(mailsTo(email(employee)).get(0))).isEqualTo("Your leave was rejected");
    }

    @Test
    void theSagaOfApprovedLeaveEndsOnADeadlineOnceTheLeaveHasStarted(@Autowired DeadlineManager deadlines) {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        requested(request, employee, manager, LocalDate.now(ZoneOffset.UTC).minusDays(2));

        String approvedId = approved(request, employee, manager);

        await().atMost(patience()).untilAsserted(() ->
                assertThat(status(approvedId, Channel.EMAIL, employee)).isEqualTo("SENT"));
        // The deadline (the day after the first day of leave) is already due: db-scheduler runs it on its next poll.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from association_value_entry where association_value = ?", Integer.class, request))
                .isZero());
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance like ?",
                Integer.class, "%" + request + "%")).isZero();
    }
}
