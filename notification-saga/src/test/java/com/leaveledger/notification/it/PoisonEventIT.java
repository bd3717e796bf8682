package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import com.leaveledger.support.persistence.StorableText;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Poison events on the saga side (issue 23, docs/adr/0031-poison-events.md): a registration with a NUL in the name
 * no longer stops the employee directory, notices carry such text visibly, a registration the database still refuses
 * is dead-lettered for that employee only, and the notices the old code dead-lettered as {@code unknown-recipient}
 * while its directory was stuck are delivered when an engineer retries them.
 */
@ExtendWith(OutputCaptureExtension.class)
class PoisonEventIT extends NotificationSagaIT {

    private static final String NUL = "\u0000";
    private static final String CONTROLS = "\u0001\u001b[31m\u007f\r\n";
    private static final String[] PROCESSORS = {LeaveEventInbox.PROCESSING_GROUP,
            EmployeeDirectoryProjection.PROCESSING_GROUP, LeaveNotificationSaga.PROCESSING_GROUP};

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void aNulInANameOrANoteGoesThroughDirectoryInboxSagaDeliveriesAndProviders() {
        String manager = id("boss"), poisoned = id("nul"), later = id("later");
        String request = id("req"), laterRequest = id("req2");
        register(manager, null);
        registerNamed(poisoned, manager, "a" + NUL + "b" + CONTROLS);
        register(later, manager);

        requested(request, poisoned, manager);
        String approval = publish(new LeaveApprovedEvent(LeaveRequestId.of(request), EmployeeId.of(poisoned),
                EmployeeId.of(manager), "enjoy" + NUL + CONTROLS), "LeaveRequest", request, 1);
        requested(laterRequest, later, manager);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(approval, Channel.EMAIL, poisoned)).isEqualTo("SENT");
            assertThat(status(approval, Channel.SMS, poisoned)).isEqualTo("SENT");
            assertThat(status(approval, Channel.PUSH, poisoned)).isEqualTo("SENT");
            assertThat(mailsTo(email(manager))).hasSize(2);
        });
        // the directory holds the name with ␀ for the NUL; the notices show every control character visibly
        assertThat(jdbc.queryForObject("select name from employee_directory where employee_id = ?", String.class,
                poisoned)).isEqualTo("a" + StorableText.NUL_SYMBOL + "b" + CONTROLS);
        MimeMessage approvalMail = mailsTo(email(poisoned)).get(0);
        String mailBody = content(approvalMail).replace("\r\n", "\n");
        assertThat(mailBody).contains("Hello a␀b␁␛[31m␡␍\n").contains("enjoy␀␁␛[31m␡␍\n");
        assertThat(mailBody.chars().filter(c -> (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f))
                .isEmpty();
        assertThat(smsTo(phone(poisoned))).singleElement().satisfies(sms ->
                assertThat(body(sms)).contains("enjoy␀␁␛[31m␡␍\\n"));
        List<MimeMessage> managerMails = mailsTo(email(manager));
        assertThat(managerMails.stream().map(PoisonEventIT::subjectOf))
                .contains("a␀b␁␛[31m␡␍␊ asks for leave", "Name " + later + " asks for leave");
        // the compliance record and the outcome log are there; nothing was dead-lettered, no processor retries
        assertThat(jdbc.queryForObject("select count(*) from compliance_audit where leave_request_id = ?",
                Long.class, request)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter where leave_request_id in (?, ?)",
                Long.class, request, laterRequest)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier in (?, ?, ?)",
                Long.class, manager, poisoned, later)).isZero();
        for (String processor : PROCESSORS) {
            assertThat(metrics().matching("ledger_processor_retrying_seconds", "processor", processor)).hasSize(1);
            assertThat(metrics().value("ledger_processor_retrying_seconds", "processor", processor)).isZero();
        }
    }

    @Test
    void aRegistrationTheDatabaseStillRefusesIsDeadLetteredForItsEmployeeOnly() {
        String manager = id("boss"), refused = id("refused"), fine = id("fine"), request = id("req");
        register(manager, null);
        String trigger = refuseDirectoryRowsOf(refused, "22023");
        try {
            registerNamed(refused, manager, "refused");
            register(fine, manager);
            // the next employee's registration and notices flow
            requested(request, fine, manager);
            await().atMost(patience()).untilAsserted(() -> assertThat(mailsTo(email(manager))).hasSize(1));
            assertThat(directoryHas(fine)).isTrue();
            // the refused one waits in Axon's dead-letter queue under its employee
            await().atMost(patience()).untilAsserted(() -> assertThat(jdbc.queryForList("select sequence_identifier "
                    + "from dead_letter_entry where processing_group = ?", String.class,
                    EmployeeDirectoryProjection.PROCESSING_GROUP)).containsExactly(refused));
            assertThat(directoryHas(refused)).isFalse();
            assertThat(metrics().value("ledger_processor_retrying_seconds", "processor",
                    EmployeeDirectoryProjection.PROCESSING_GROUP)).isZero();
        } finally {
            jdbc.execute("drop trigger if exists " + trigger + " on employee_directory");
        }
        // an engineer sees it through the admin API ...
        String engineer = token("erin", "ENGINEER");
        String letters = "/admin/processors/" + EmployeeDirectoryProjection.PROCESSING_GROUP + "/dead-letters";
        ResponseEntity<JsonNode> listed = call(HttpMethod.GET, letters, engineer);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(listed.getBody().path("totalItems").asLong()).isEqualTo(1);
        assertThat(listed.getBody().path("items")).singleElement().satisfies(letter -> {
            assertThat(letter.path("sequence").asText()).isEqualTo(refused);
            assertThat(letter.path("eventType").asText()).isEqualTo("EmployeeRegisteredEvent");
            assertThat(letter.path("causeMessage").asText()).contains("refused by the test trigger");
            assertThat(letter.path("payload").path("name").asText()).isEqualTo("refused");
        });
        assertThat(call(HttpMethod.GET, "/admin/processors/" + LeaveEventInbox.PROCESSING_GROUP + "/dead-letters",
                engineer).getBody().path("items")).isEmpty();
        assertThat(metrics().value("ledger_processor_dead_letters", "processor",
                EmployeeDirectoryProjection.PROCESSING_GROUP)).isEqualTo(1);
        // ... and, once the cause is fixed, retries it: the directory applies it and the queue is empty
        ResponseEntity<JsonNode> retried = call(HttpMethod.POST, letters + "/retry", engineer);
        assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(retried.getBody().path("sequencesCleared").asLong()).isEqualTo(1);
        assertThat(retried.getBody().path("lettersHandled").asLong()).isEqualTo(1);
        assertThat(retried.getBody().path("lettersLeft").asLong()).isZero();
        assertThat(directoryHas(refused)).isTrue();
        assertThat(call(HttpMethod.GET, letters, engineer).getBody().path("items")).isEmpty();
        assertThat(metrics().value("ledger_processor_dead_letters", "processor",
                EmployeeDirectoryProjection.PROCESSING_GROUP)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class)).isZero();
        // only for engineers, and only for the processors with Axon's queue (the saga has its own dead letters)
        assertThat(call(HttpMethod.POST, letters + "/retry", token(refused, "EMPLOYEE")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> unknown = call(HttpMethod.GET, "/admin/processors/"
                + LeaveNotificationSaga.PROCESSING_GROUP + "/dead-letters", engineer);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().path("rule").asText()).isEqualTo("unknown-processor");
    }

    /** Issue 25: a processor's dead letter is dismissed as a projection's is, through Axon's queue, with a reason. */
    @Test
    void anEngineerDismissesAProcessorsDeadLetterWithAReasonAndTheEmployeesEventsFlowAgain(CapturedOutput output) {
        String manager = id("boss"), refused = id("dismissed");
        register(manager, null);
        String trigger = refuseDirectoryRowsOf(refused, "22023");
        try {
            registerNamed(refused, manager, "refused");
            await().atMost(patience()).untilAsserted(() -> assertThat(jdbc.queryForList("select sequence_identifier "
                    + "from dead_letter_entry where processing_group = ?", String.class,
                    EmployeeDirectoryProjection.PROCESSING_GROUP)).containsExactly(refused));
        } finally {
            jdbc.execute("drop trigger if exists " + trigger + " on employee_directory");
        }
        String engineer = token("erin", "ENGINEER");
        String letters = "/admin/processors/" + EmployeeDirectoryProjection.PROCESSING_GROUP + "/dead-letters";
        String letterId = call(HttpMethod.GET, letters, engineer).getBody().path("items").get(0).path("id").asText();
        // no reason, not an engineer, an unknown letter or processor: refused, nothing evicted
        assertThat(call(HttpMethod.DELETE, letters + "/" + letterId, engineer).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call(HttpMethod.DELETE, letters + "/" + letterId + "?reason=mine", token(refused, "EMPLOYEE"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> unknownLetter = call(HttpMethod.DELETE, letters + "/no-such-letter?reason=gone",
                engineer);
        assertThat(unknownLetter.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknownLetter.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(unknownLetter.getBody().path("rule").asText()).isEqualTo("dead-letter-not-found");
        assertThat(call(HttpMethod.DELETE, "/admin/processors/" + LeaveNotificationSaga.PROCESSING_GROUP
                + "/dead-letters/" + letterId + "?reason=gone", engineer).getBody().path("rule").asText())
                .isEqualTo("unknown-processor");
        assertThat(metrics().value("ledger_processor_dead_letters", "processor",
                EmployeeDirectoryProjection.PROCESSING_GROUP)).isEqualTo(1);

        ResponseEntity<JsonNode> dismissed = call(HttpMethod.DELETE, letters + "/" + letterId
                + "?reason=registered again by HR", engineer);
        assertThat(dismissed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(dismissed.getBody().path("processor").asText())
                .isEqualTo(EmployeeDirectoryProjection.PROCESSING_GROUP);
        assertThat(dismissed.getBody().path("dismissedBy").asText()).isEqualTo("erin");
        assertThat(dismissed.getBody().path("reason").asText()).isEqualTo("registered again by HR");
        assertThat(dismissed.getBody().path("letter").path("id").asText()).isEqualTo(letterId);
        assertThat(dismissed.getBody().path("letter").path("sequence").asText()).isEqualTo(refused);
        assertThat(output.getAll()).contains("dead letter " + letterId + " of "
                + EmployeeDirectoryProjection.PROCESSING_GROUP + " dismissed by erin: registered again by HR");
        // gone from Axon's queue: dismissing again is a 404, the gauge is back to zero, the directory never applied it
        assertThat(call(HttpMethod.DELETE, letters + "/" + letterId + "?reason=again", engineer).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry", Long.class)).isZero();
        assertThat(metrics().value("ledger_processor_dead_letters", "processor",
                EmployeeDirectoryProjection.PROCESSING_GROUP)).isZero();
        assertThat(directoryHas(refused)).isFalse();
        // the employee's sequence no longer waits: the next registration goes straight to the directory
        registerNamed(refused, manager, "registered again");
        await().atMost(patience()).untilAsserted(() -> assertThat(directoryHas(refused)).isTrue());
    }

    /**
     * Issue 23, point 6. The old directory retried the poison registration for ever: everybody registered after it
     * stayed unknown, and their notices were dead-lettered as {@code unknown-recipient}. Here a test trigger makes
     * the directory fail on that registration the same way (an error that is not the event's fault, so it is retried,
     * never dead-lettered); the retry gauge shows it. Then the fix is deployed (trigger gone, processor restarted),
     * the directory catches up, and the runbook's retry of each dead letter delivers every notice.
     */
    @Test
    void noticesTheStuckDirectoryDeadLetteredAsUnknownRecipientAreDeliveredWhenRetried() {
        String manager = id("boss"), poisoned = id("poison"), victim = id("victim"), request = id("req");
        register(manager, null);
        await().atMost(patience()).until(() -> directoryHas(manager));
        String trigger = refuseDirectoryRowsOf(poisoned, "57P03");
        String approval;
        try {
            registerNamed(poisoned, manager, "a" + NUL + "b");
            register(victim, manager);
            requested(request, victim, manager);
            approval = approved(request, victim, manager);
            // the directory is stuck: the gauge behind the ProcessorRetrying alert grows
            await().atMost(patience()).untilAsserted(() -> assertThat(metrics().value(
                    "ledger_processor_retrying_seconds", "processor", EmployeeDirectoryProjection.PROCESSING_GROUP))
                    .isGreaterThan(5));
            // every notice to the victim ends dead-lettered as unknown-recipient (fallbacks included)
            await().atMost(Duration.ofSeconds(150)).untilAsserted(() -> assertThat(openDeadLettersOf(victim))
                    .hasSize(3).allSatisfy(letter -> assertThat(letter.path("cause").asText())
                            .startsWith("unknown-recipient")));
            assertThat(directoryHas(victim)).isFalse();
        } finally {
            jdbc.execute("drop trigger if exists " + trigger + " on employee_directory");
        }

        // the fix deployed: the directory runs again from its position and catches up
        StreamingEventProcessor directory = processing.eventProcessor(EmployeeDirectoryProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        directory.shutDown();
        directory.start();
        await().atMost(patience()).until(() -> directoryHas(victim) && directoryHas(poisoned));
        await().atMost(patience()).untilAsserted(() -> assertThat(metrics().value(
                "ledger_processor_retrying_seconds", "processor", EmployeeDirectoryProjection.PROCESSING_GROUP))
                .isZero());

        // the runbook: retry each dead letter through the admin API
        String engineer = token("erin", "ENGINEER");
        for (JsonNode letter : openDeadLettersOf(victim)) {
            assertThat(call(HttpMethod.POST, "/admin/dead-letters/" + letter.path("deadLetterId").asText()
                    + "/retry", engineer).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
        // the outcome (SENT) is written a moment after the SMTP server accepted the mail
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(openDeadLettersOf(victim)).isEmpty();
            assertThat(mailsTo(email(victim))).hasSize(3);
            List<Map<String, Object>> deliveries = jdbc.queryForList("select channel, status from delivery "
                    + "where leave_request_id = ? and recipient_id = ? and channel <> 'AUDIT'", request, victim);
            assertThat(deliveries).extracting(d -> d.get("channel") + " " + d.get("status"))
                    .containsExactlyInAnyOrder("EMAIL SENT", "SMS FALLEN_BACK", "PUSH FALLEN_BACK", "EMAIL SENT",
                            "EMAIL SENT");
        });
        assertThat(status(approval, Channel.EMAIL, victim)).isEqualTo("SENT");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void registerNamed(String employee, String manager, String name) {
        publish(new EmployeeRegisteredEvent(EmployeeId.of(employee), name, email(employee), phone(employee),
                "push-" + employee, manager == null ? null : EmployeeId.of(manager), "DE", "BE",
                EnumSet.allOf(Channel.class)), "Employee", employee, 0);
    }

    /** A trigger failing the directory's row of {@code employee} with {@code sqlState}; answers its name. */
    private String refuseDirectoryRowsOf(String employee, String sqlState) {
        jdbc.execute("create or replace function notification_saga.test_refuse_" + sqlState.toLowerCase()
                + "() returns trigger language plpgsql as $$ begin raise exception using errcode = '" + sqlState
                + "', message = 'refused by the test trigger'; end $$");
        String trigger = "test_refuse_" + sqlState.toLowerCase() + "_" + run;
        jdbc.execute("create trigger " + trigger + " before insert or update on employee_directory for each row "
                + "when (new.employee_id = '" + employee + "') execute function notification_saga.test_refuse_"
                + sqlState.toLowerCase() + "()");
        return trigger;
    }

    private boolean directoryHas(String employee) {
        return jdbc.queryForObject("select count(*) from employee_directory where employee_id = ?", Long.class,
                employee) == 1;
    }

    private List<JsonNode> openDeadLettersOf(String recipient) {
        JsonNode all = call(HttpMethod.GET, "/admin/dead-letters?limit=1000", token("erin", "ENGINEER")).getBody();
        List<JsonNode> found = new java.util.ArrayList<>();
        all.forEach(letter -> {
            if (recipient.equals(letter.path("recipientId").asText())) {
                found.add(letter);
            }
        });
        return found;
    }

    private static String content(MimeMessage mail) {
        try {
            return String.valueOf(mail.getContent());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subjectOf(MimeMessage mail) {
        return subject(mail);
    }
}
