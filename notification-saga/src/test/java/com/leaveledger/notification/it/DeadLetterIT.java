package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.delivery.DeliveryIds;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** What fails after retries and fallbacks: dead-lettered, published, counted, retried or dismissed by engineers. */
class DeadLetterIT extends NotificationSagaIT {

    @Test
    void anUndeliverableEmailIsDeadLetteredPublishedCountedRetriedAndDismissed() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        register(manager, null);
        register(employee, manager, "broken@@example.com", phone(employee), "push-" + employee,
                EnumSet.allOf(Channel.class));
        double openBefore = openDeadLetters();
        requested(request, employee, manager);
        String rejectedId = rejected(request, employee, manager);
        String deliveryId = DeliveryIds.of(rejectedId, Channel.EMAIL, employee).toString();
        String engineer = token("erin", "ENGINEER");

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(rejectedId, Channel.EMAIL, employee)).isEqualTo("DEAD_LETTERED");
            assertThat(status(rejectedId, Channel.SMS, employee)).isEqualTo("SENT");
        });
        JsonNode deadLetter = openDeadLetterOf(deliveryId, engineer);
        assertThat(deadLetter.path("kind").asText()).isEqualTo("DELIVERY");
        assertThat(deadLetter.path("leaveRequestId").asText()).isEqualTo(request);
        assertThat(deadLetter.path("channel").asText()).isEqualTo("EMAIL");
        assertThat(deadLetter.path("cause").asText()).contains("invalid-address");
        String deadLetterId = deadLetter.path("deadLetterId").asText();
        assertThat(deliveryEvents("NotificationDeadLetteredEvent", deadLetterId)).isEqualTo(1);

        // Published to the dead-letter topic with its cause, and counted.
        await().atMost(patience()).untilAsserted(() ->
                assertThat(dlqRecords()).anyMatch(r -> r.value().contains(deadLetterId)
                        && r.value().contains("invalid-address") && r.key().equals(request)));
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).containsPattern("ledger_notifications_dead_letters_total\\{[^}]*channel=\"EMAIL\"[^}]*"
                + "kind=\"DELIVERY\"[^}]*} [1-9]");
        assertThat(metrics).contains("ledger_notifications_dead_letters_open");
        // the gauge counts the open (unresolved) dead letters in the table
        await().atMost(patience()).untilAsserted(() -> assertThat(openDeadLetters()).isEqualTo(openBefore + 1));

        // Engineers only.
        assertThat(call(HttpMethod.POST, "/admin/dead-letters/" + deadLetterId + "/retry", token(employee, "EMPLOYEE"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        // A retry closes this one; the address is still broken, so the delivery comes back as a new dead letter.
        assertThat(call(HttpMethod.POST, "/admin/dead-letters/" + deadLetterId + "/retry", engineer).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        ResponseEntity<JsonNode> again = call(HttpMethod.POST, "/admin/dead-letters/" + deadLetterId + "/retry",
                engineer);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().path("rule").asText()).isEqualTo("dead-letter-closed");
        JsonNode retried = call(HttpMethod.GET, "/admin/dead-letters/" + deadLetterId, engineer).getBody();
        assertThat(retried.path("status").asText()).isEqualTo("RETRIED");
        assertThat(retried.path("resolvedBy").asText()).isEqualTo("erin");
        JsonNode second = await().atMost(patience()).until(() -> openDeadLetterOf(deliveryId, engineer),
                d -> d != null && !d.path("deadLetterId").asText().equals(deadLetterId));
        String secondId = second.path("deadLetterId").asText();

        // Dismissed: closed, and the dismissal itself is on record.
        assertThat(call(HttpMethod.DELETE, "/admin/dead-letters/" + secondId + "?reason=address+reported+to+HR",
                engineer).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode dismissed = call(HttpMethod.GET, "/admin/dead-letters/" + secondId, engineer).getBody();
        assertThat(dismissed.path("status").asText()).isEqualTo("DISMISSED");
        assertThat(dismissed.path("resolvedBy").asText()).isEqualTo("erin");
        assertThat(dismissed.path("resolutionNote").asText()).isEqualTo("address reported to HR");
        assertThat(storedEvents("DeadLetterDismissedEvent", secondId)).isEqualTo(1);
        assertThat(call(HttpMethod.DELETE, "/admin/dead-letters/" + secondId, engineer).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(call(HttpMethod.DELETE, "/admin/dead-letters/" + java.util.UUID.randomUUID(), engineer)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(openDeadLetterOf(deliveryId, engineer)).isNull();
        await().atMost(patience()).untilAsserted(() -> assertThat(openDeadLetters()).isEqualTo(openBefore));
    }

    private double openDeadLetters() {
        return metrics().value("ledger_notifications_dead_letters_open", "application", "notification-saga");
    }

    @Test
    void anEmailThatFailedThroughAnOutageIsDeliveredWhenRetriedAfterTheServerIsBack() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        String engineer = token("erin", "ENGINEER");
        String requestedId;
        smtp().stop();
        try {
            requestedId = requested(request, employee, manager);
            await().atMost(patience()).untilAsserted(() ->
                    assertThat(status(requestedId, Channel.EMAIL, manager)).isEqualTo("DEAD_LETTERED"));
        } finally {
            restartSmtp();
        }
        assertThat(status(requestedId, Channel.PUSH, manager)).isEqualTo("SENT");
        String deliveryId = DeliveryIds.of(requestedId, Channel.EMAIL, manager).toString();
        JsonNode deadLetter = openDeadLetterOf(deliveryId, engineer);
        assertThat(deadLetter.path("attempts").asInt()).isEqualTo(4);
        assertThat(deadLetter.path("cause").asText()).startsWith("smtp");

        assertThat(call(HttpMethod.POST, "/admin/dead-letters/" + deadLetter.path("deadLetterId").asText() + "/retry",
                engineer).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(manager))).hasSize(1);
            assertThat(status(requestedId, Channel.EMAIL, manager)).isEqualTo("SENT");
        });
        assertThat(openDeadLetterOf(deliveryId, engineer)).isNull();
    }

    private JsonNode openDeadLetterOf(String deliveryId, String token) {
        ResponseEntity<JsonNode> list = call(HttpMethod.GET, "/admin/dead-letters", token);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        for (JsonNode item : list.getBody()) {
            if (item.path("deliveryId").asText().equals(deliveryId)) {
                return item;
            }
        }
        return null;
    }
}
