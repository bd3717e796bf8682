package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.leaveledger.notification.channel.email.SmtpEmailSender;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The W3C trace context of the command behind an event (its {@code traceparent} metadata, Kafka header
 * {@code axon-metadata-traceparent}) reaches the provider calls of the event's notifications: one trace from the HTTP
 * request to the SMS, push and email providers (docs/adr/0042).
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIT extends NotificationSagaIT {

    @Test
    void providerCallsOfANotificationJoinTheTraceOfTheCommandBehindTheEvent(CapturedOutput output) {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        requested(request, employee, manager);

        String approvedId = approved(request, employee, manager);
        String traceId = traceIdOf(approvedId);
        String commandSpan = traceparentOf(approvedId).split("-")[2];
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(smsTo(phone(employee))).hasSize(1);
            assertThat(pushTo("push-" + employee)).hasSize(1);
            assertThat(mailsTo(email(employee))).hasSize(1);
        });

        LoggedRequest sms = smsTo(phone(employee)).get(0);
        LoggedRequest push = pushTo("push-" + employee).get(0);
        MimeMessage mail = mailsTo(email(employee)).get(0);
        for (String traceparent : new String[] {sms.getHeader("traceparent"), push.getHeader("traceparent"),
                header(mail, "traceparent")}) {
            // 00-<trace id>-<span id>-<flags>: the command's trace, a span of this service's own (the provider call)
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            String[] parts = traceparent.split("-");
            assertThat(parts[1]).isEqualTo(traceId);
            assertThat(parts[2]).isNotEqualTo(commandSpan);
        }
        assertThat(header(mail, SmtpEmailSender.CORRELATION_HEADER)).isEqualTo("corr-" + approvedId);

        // the provider call's log line carries the trace id beside the correlation id
        await().atMost(patience()).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[corr-" + approvedId + "] [" + traceId + "]"))
                .filter(line -> line.contains("SMS provider call 1 of delivery")))
                .hasSize(1));
    }
}
