package com.leaveledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.support.privacy.PersonalDataJson;
import java.util.ArrayList;
import javax.sql.DataSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestEvent;
import com.leaveledger.query.projection.LedgerMessage;
import com.leaveledger.query.projection.ProjectionWriter;
import com.leaveledger.query.projection.ProjectionWriter.Statement;
import com.leaveledger.query.projection.TableNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * The audit log: every event exactly as received from Kafka — type, revision, aggregate, time, actor, correlation
 * and causation id, and the JSON payload as it was published (also for event types this service does not know).
 * Compliance timelines, balances as of an instant and exports are read from here.
 */
@ProcessingGroup(AuditLogProjection.NAME)
public class AuditLogProjection {

    public static final String NAME = "audit-log";
    public static final List<String> TABLES = List.of("audit_event");

    private final ProjectionWriter writer;
    private final Serializer eventSerializer;
    private final ObjectMapper json;
    private final Statement insert;
    private final PersonalDataJson personalData;
    private final DataSource dataSource;
    private final String auditTable;

    public AuditLogProjection(ProjectionWriter writer, TableNames tables, Serializer eventSerializer,
                              ObjectMapper json, PersonalDataJson personalData, DataSource dataSource) {
        this.writer = writer;
        this.personalData = personalData;
        this.dataSource = dataSource;
        this.auditTable = tables.of("audit_event");
        this.eventSerializer = eventSerializer;
        this.json = json;
        this.insert = writer.multiRowInsert("insert into " + tables.of("audit_event") + " (event_id, event_type, "
                + "payload_type, payload_revision, aggregate_type, aggregate_id, aggregate_seq, employee_id, "
                + "leave_request_id, account_id, occurred_at, actor, correlation_id, causation_id, payload) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json) on conflict (event_id) do nothing");
    }

    /** Every event, also one whose payload cannot be read: the audit log keeps what was published. */
    @EventHandler(payloadType = Object.class)
    void on(EventMessage<?> message) {
        LedgerMessage envelope = LedgerMessage.of(message);
        Object payload = readable(message);
        SerializedObject<byte[]> serialized = message.serializePayload(eventSerializer, byte[].class);
        String payloadJson = new String(serialized.getData(), StandardCharsets.UTF_8);
        String payloadType = serialized.getType().getName();
        String employeeId;
        String leaveRequestId = null;
        String accountId = null;
        if (payload instanceof LedgerEvent event) {
            employeeId = event.employeeId().value();
            if (event instanceof LeaveRequestEvent requestEvent) {
                leaveRequestId = requestEvent.leaveRequestId().value();
            }
            if (event instanceof LeaveAccountEvent accountEvent) {
                accountId = accountEvent.accountId().asString();
                leaveRequestId = requestOf(accountEvent);
            }
        } else {
            JsonNode tree = tree(payloadJson);
            accountId = text(tree, "accountId");
            employeeId = text(tree, "employeeId");
            if (employeeId == null && accountId != null) {
                employeeId = employeeOf(accountId);
            }
            leaveRequestId = text(tree, "leaveRequestId");
        }
        writer.apply(insert.with(envelope.eventId(), payloadType.substring(payloadType.lastIndexOf('.') + 1),
                payloadType, serialized.getType().getRevision(), envelope.aggregateType(), envelope.aggregateId(),
                envelope.sequenceNumber(), employeeId, leaveRequestId, accountId, envelope.timestamp(),
                envelope.actor(), envelope.correlationId(), envelope.causationId(), payloadJson));
        if (payload instanceof SubjectErasedEvent erased) {
            // After the batch's rows are written (the writer's own commit step was registered first): also blanks
            // an event of this batch.
            CurrentUnitOfWork.get().onPrepareCommit(u -> redactPlaintext(erased.employeeId().value()));
            CurrentUnitOfWork.get().afterCommit(u -> personalData.forget(erased.employeeId()));
        }
    }

    /**
     * Events stored in plaintext before personal data was encrypted keep it in their payload: an erasure blanks
     * their personal fields here (the event store keeps them, docs/adr/0033, section 5). Encrypted ones need
     * nothing: their key is gone.
     */
    private void redactPlaintext(String employeeId) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Object[]> redacted = new ArrayList<>();
        jdbc.query("select event_id, payload_type, payload::text from " + auditTable + " where employee_id = ?",
                rs -> {
                    String stored = rs.getString(3);
                    String blanked = personalData.redact(rs.getString(2), stored);
                    if (!blanked.equals(stored)) {
                        redacted.add(new Object[] {blanked, rs.getString(1)});
                    }
                }, employeeId);
        jdbc.batchUpdate("update " + auditTable + " set payload = ?::json where event_id = ?", redacted);
    }

    private static String employeeOf(String accountId) {
        try {
            return LeaveAccountId.parse(accountId).employeeId().value();
        } catch (RuntimeException notAnAccountId) {
            return null;
        }
    }

    private static Object readable(EventMessage<?> message) {
        try {
            return message.getPayload();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String requestOf(LeaveAccountEvent event) {
        if (event instanceof DaysReservedEvent e) {
            return e.leaveRequestId().value();
        }
        if (event instanceof ReservationReleasedEvent e) {
            return e.leaveRequestId().value();
        }
        if (event instanceof DaysDeductedEvent e) {
            return e.leaveRequestId().value();
        }
        if (event instanceof DaysRestoredEvent e) {
            return e.leaveRequestId().value();
        }
        return null;
    }

    private JsonNode tree(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("the payload is not JSON", e);
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode node = tree.path(field);
        return node.isTextual() ? node.asText() : null;
    }
}
