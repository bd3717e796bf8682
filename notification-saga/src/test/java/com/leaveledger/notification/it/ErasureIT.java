package com.leaveledger.notification.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.kernel.privacy.PersonalDataModule;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.leaveledger.support.privacy.DataKeyCipher;
import com.leaveledger.support.privacy.DataKeyStore;
import com.leaveledger.support.privacy.KeyEncryptionKey;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.serialization.SimpleSerializedType;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Erasure (docs/adr/0033 section 5, docs/notifications.md "Erasure"): events published as the command side does,
 * personal data encrypted under each employee's key; then the key is destroyed and {@code SubjectErasedEvent}
 * published. Afterwards no table of schema notification_saga, no dead-letter record and no log line holds the
 * employee's plaintext, nothing is sent to them, the status APIs answer with {@code [erased]}, and another employee's
 * data reads as before.
 */
class ErasureIT extends NotificationSagaIT {

    /** The development key-encryption key, which the service uses when none is configured (as in these tests). */

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    private DataKeyCipher commandSideKeys;
    private ObjectMapper encrypting;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void asTheCommandSide() {
        commandSideKeys = new DataKeyCipher(new DataKeyStore(jdbc, KeyEncryptionKey.development()),
                Duration.ofMinutes(1), 1000);
        encrypting = LedgerObjectMapper.create().registerModule(new PersonalDataModule(commandSideKeys));
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stopCapturingLogs() {
        root().detachAppender(logs);
    }

    @Test
    void anErasedEmployeeLeavesNoPlaintextBehindAndIsNotNotifiedAgain() {
        String manager = id("mona"), erin = id("erin"), otto = id("otto");
        String erinRequest = id("erin-req"), ottoRequest = id("otto-req");
        register(manager, null, "Mona " + run);
        register(erin, manager, "Erin Erasable " + run);
        register(otto, manager, "Otto Other " + run);
        List<String> erinsData = List.of("Erin Erasable " + run, email(erin), phone(erin), "push-" + erin,
                "reason of " + erin, "comment for " + erin);
        // Erin's SMS provider refuses her number, quoting it: the error must not carry it anywhere.
        PROVIDER.stubFor(post(urlEqualTo("/sms")).atPriority(1).withRequestBody(containing(phone(erin)))
                .willReturn(aResponse().withStatus(400).withBody("{\"error\":\"no such number " + phone(erin)
                        + "\"}")));
        // Her push provider is slow: the approval's push is still in flight when she is erased.
        PROVIDER.stubFor(post(urlEqualTo("/push")).atPriority(1).withRequestBody(containing("push-" + erin))
                .willReturn(aResponse().withStatus(200).withFixedDelay(10_000)
                        .withHeader("Content-Type", "application/json").withBody("{\"id\":\"push-slow\"}")));

        String erinApproval = requestAndApprove(erinRequest, erin, manager);
        String ottoApproval = requestAndApprove(ottoRequest, otto, manager);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(manager))).extracting(NotificationSagaIT::subject)
                    .contains("Erin Erasable " + run + " asks for leave", "Otto Other " + run + " asks for leave");
            assertThat(mailsTo(email(erin))).extracting(NotificationSagaIT::subject).containsExactlyInAnyOrder(
                    "Your leave was approved", "Your leave was approved (we could not reach you by sms)");
            assertThat(mailsTo(email(otto))).extracting(NotificationSagaIT::subject)
                    .contains("Your leave was approved");
            assertThat(pushTo("push-" + erin)).hasSize(1);
            assertThat(openDeliveries(erinRequest)).as("her push, in flight").isEqualTo(1);
            assertThat(openDeliveries(ottoRequest)).isZero();
        });
        // As sagas stored before the saga stopped keeping a decision's note in its state would hold it:
        noteInSagaState(erinRequest, "comment for " + erin);
        noteInSagaState(ottoRequest, "comment for " + otto);

        // HR erases Erin: the command side destroys her key and records the erasure.
        commandSideKeys.destroyKey(EmployeeId.of(erin));
        publish(new SubjectErasedEvent(EmployeeId.of(erin), ErasureBasis.CONSENT_WITHDRAWN, "HR-4711"),
                "Employee", erin, 1);
        await().atMost(patience()).until(() -> jdbc.queryForObject("select count(*) from employee_directory "
                + "where employee_id = ? and erased_at is not null", Integer.class, erin) == 1);
        // The push open at the erasure was cancelled; the provider accepted it all the same, on record without her
        // token.
        String push = DeliveryIds.of(erinApproval, Channel.PUSH, erin).toString();
        assertThat(deliveryEvents("NotificationCancelledEvent", push)).isEqualTo(1);
        await().atMost(patience()).until(() -> "SENT".equals(status(erinApproval, Channel.PUSH, erin)));
        assertThat(jdbc.queryForList("select payload from delivery_event where type = 'NotificationSentEvent' "
                + "and delivery_id = cast(? as uuid)", String.class, push))
                .singleElement(as(InstanceOfAssertFactories.STRING)).contains("\"address\":\"[erased]\"");

        assertThat(plaintextIn(erinsData)).as("every table of schema notification_saga").isEmpty();
        assertThat(dlqRecords()).noneMatch(r -> erinsData.stream().anyMatch(r.value()::contains));
        assertThat(storedEvent(erinRequest, LeaveRequestedEvent.class).reason()).isEqualTo("[erased]");
        assertThat(jdbc.queryForList("select address from delivery where recipient_id = ? and channel <> 'AUDIT' "
                + "and status = 'SENT'", String.class, erin)).isNotEmpty().containsOnly("[erased]");

        // Otto reads as before: the scan finds his data where it was.
        List<String> ottosData = List.of("Otto Other " + run, email(otto), phone(otto), "push-" + otto,
                "reason of " + otto, "comment for " + otto);
        assertThat(plaintextIn(ottosData)).containsOnlyKeys("employee_directory", "delivery", "delivery_event",
                "saga_entry");
        assertThat(storedEvent(ottoRequest, LeaveRequestedEvent.class).reason()).isEqualTo("reason of " + otto);
        assertThat(storedEvent(ottoRequest, LeaveApprovedEvent.class).comment()).isEqualTo("comment for " + otto);
        assertThat(jdbc.queryForMap("select name, email, erased_at from employee_directory where employee_id = ?",
                otto)).containsEntry("name", "Otto Other " + run).containsEntry("email", email(otto))
                .containsEntry("erased_at", null);
        assertThat(jdbc.queryForList("select address from delivery where source_event_id = ? and channel = 'EMAIL'",
                String.class, ottoApproval)).containsExactly(email(otto));

        // The status APIs answer, showing [erased] where her addresses were.
        String compliance = token(id("auditor"), "COMPLIANCE");
        for (String path : List.of("/api/notifications?leaveRequestId=", "/api/notifications/as-of?leaveRequestId=")) {
            ResponseEntity<JsonNode> answer = call(HttpMethod.GET, path + erinRequest, compliance);
            assertThat(answer.getStatusCode().value()).as(path).isEqualTo(200);
            assertThat(erinsData).as(path).noneMatch(answer.getBody().toString()::contains);
            assertThat(answer.getBody().findValuesAsText("address")).as(path).contains("[erased]");
        }

        // Her leave is cancelled afterwards (no personal data can be written for her any more): she is not told,
        // her manager is; a redelivered erasure changes nothing and fails nothing.
        int mailsBefore = mailsTo(email(erin)).size();
        String cancelled = publish(UUID.randomUUID().toString(), new LeaveCancelledEvent(LeaveRequestId.of(erinRequest),
                EmployeeId.of(erin), EmployeeId.of(erin), LeaveRequestStatus.APPROVED, null), "LeaveRequest",
                erinRequest, 2, encrypting);
        publish(new SubjectErasedEvent(EmployeeId.of(erin), ErasureBasis.CONSENT_WITHDRAWN, "HR-4711"),
                "Employee", erin, 1);
        await().atMost(patience()).untilAsserted(() -> {
            assertThat(status(cancelled, Channel.EMAIL, erin)).isEqualTo("SKIPPED");
            assertThat(status(cancelled, Channel.PUSH, erin)).isEqualTo("SKIPPED");
            assertThat(mailsTo(email(manager))).extracting(NotificationSagaIT::subject)
                    .contains("[erased]'s approved leave was cancelled");
        });
        assertThat(mailsTo(email(erin))).hasSize(mailsBefore);
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier = ?",
                Integer.class, erin)).as("nothing dead-lettered for her").isZero();
        assertThat(plaintextIn(erinsData)).isEmpty();
        assertThat(loggedLines()).as("no log line carries her data").noneMatch(
                line -> erinsData.stream().anyMatch(line::contains));
    }

    // --- as the command side publishes ----------------------------------------------------------------------

    private void register(String employee, String manager, String name) {
        publish(UUID.randomUUID().toString(), new EmployeeRegisteredEvent(EmployeeId.of(employee), name,
                email(employee), phone(employee), "push-" + employee, manager == null ? null : EmployeeId.of(manager),
                "DE", "BE", EnumSet.allOf(Channel.class)), "Employee", employee, 0, encrypting);
    }

    /** Answers the approval's event id. */
    private String requestAndApprove(String request, String employee, String manager) {
        LocalDate start = LocalDate.of(2031, 5, 5);
        publish(UUID.randomUUID().toString(), new LeaveRequestedEvent(LeaveRequestId.of(request),
                EmployeeId.of(employee), EmployeeId.of(manager), LeaveType.ANNUAL, start, start.plusDays(4), false,
                false, new BigDecimal("5.0"), List.of(new YearShare(2031, new BigDecimal("5.0"))),
                "reason of " + employee, List.of(Approver.MANAGER)), "LeaveRequest", request, 0, encrypting);
        return publish(UUID.randomUUID().toString(), new LeaveApprovedEvent(LeaveRequestId.of(request),
                EmployeeId.of(employee), EmployeeId.of(manager), "comment for " + employee), "LeaveRequest", request,
                1, encrypting);
    }

    // --- what the service holds -----------------------------------------------------------------------------

    private void noteInSagaState(String request, String note) {
        assertThat(jdbc.update("update saga_entry set serialized_saga = convert_to(replace(convert_from("
                + "serialized_saga, 'UTF8'), '\"facts\":{', ?), 'UTF8') where saga_id in (select saga_id from "
                + "association_value_entry where association_key = 'leaveRequestId' and association_value = ?)",
                "\"facts\":{\"note\":\"" + note + "\",", request)).isEqualTo(1);
    }

    private int openDeliveries(String request) {
        return jdbc.queryForObject("select count(*) from delivery where leave_request_id = ? "
                + "and status in ('PENDING', 'RETRYING')", Integer.class, request);
    }

    /** The inbox's copy of a request's event in this service's event store, read as the saga reads it. */
    private <T> T storedEvent(String request, Class<T> type) {
        Map<String, Object> row = jdbc.queryForMap("select payload_type, payload_revision, payload "
                + "from domain_event_entry where payload_type = ? and convert_from(payload, 'UTF8') like ?",
                type.getName(), "%\"leaveRequestId\":\"" + request + "\"%");
        return eventSerializer.deserialize(new SimpleSerializedObject<>((byte[]) row.get("payload"), byte[].class,
                new SimpleSerializedType((String) row.get("payload_type"), (String) row.get("payload_revision"))));
    }

    /**
     * The tables of schema notification_saga in which any of {@code values} occurs, in any column (text as is,
     * bytea as its printable form, everything else as text).
     */
    private Map<String, List<String>> plaintextIn(List<String> values) {
        Map<String, List<String>> columns = new TreeMap<>();
        jdbc.query("select table_name, column_name, data_type from information_schema.columns "
                + "where table_schema = 'notification_saga' order by table_name, ordinal_position", rs -> {
            columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add("bytea".equals(rs.getString(3))
                    ? "encode(\"" + rs.getString(2) + "\", 'escape')" : "\"" + rs.getString(2) + "\"::text");
        });
        Map<String, List<String>> found = new TreeMap<>();
        columns.forEach((table, expressions) -> {
            List<String> rows = jdbc.queryForList("select concat_ws(' | ', " + String.join(", ", expressions)
                    + ") from notification_saga.\"" + table + "\"", String.class);
            List<String> hits = rows.stream().filter(row -> values.stream().anyMatch(row::contains)).toList();
            if (!hits.isEmpty()) {
                found.put(table, hits);
            }
        });
        return found;
    }

    /** What this service logged (the test's own SMTP and HTTP servers log the addresses they serve, of course). */
    private List<String> loggedLines() {
        return logs.list.stream().filter(event -> !event.getLoggerName().startsWith("com.icegreen")
                && !event.getLoggerName().startsWith("com.github.tomakehurst")
                && !event.getLoggerName().startsWith("wiremock")).map(event -> {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                line.append(" / ").append(error.getMessage());
            }
            return line.toString();
        }).collect(Collectors.toList());
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
