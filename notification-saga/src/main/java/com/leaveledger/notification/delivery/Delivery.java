package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.support.persistence.StorableText;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A registered delivery: everything needed to (re)send it, also after a restart. Its ids and correlation id are
 * {@link StorableText} (a NUL of an id in the ledger reads {@code ␀}), as in the {@code delivery} table.
 * {@code traceparent} is the W3C trace context of the command that registered it, kept in memory only: the provider
 * call of a delivery sent right after its registration joins the trace of the HTTP request behind it; one resumed
 * by recovery or retried by an admin (read from the table) starts a trace of its own (docs/adr/0042).
 */
public record Delivery(UUID deliveryId, String sourceEventId, Channel channel, String recipientId,
                       RecipientRole recipientRole, NotificationKind kind, String leaveRequestId, String employeeId,
                       String managerId, Channel fallbackChannel, UUID fallbackFor, Map<String, String> details,
                       String correlationId, Instant requestedAt, String traceparent) {

    public Delivery {
        details = details == null ? Map.of() : Map.copyOf(details);
        sourceEventId = StorableText.of(sourceEventId);
        recipientId = StorableText.of(recipientId);
        leaveRequestId = StorableText.of(leaveRequestId);
        employeeId = StorableText.of(employeeId);
        managerId = StorableText.of(managerId);
        correlationId = StorableText.of(correlationId);
    }

    static Delivery of(SendNotificationCommand command, UUID deliveryId, String correlationId, String traceparent,
                       Instant now) {
        return new Delivery(deliveryId, command.sourceEventId(), command.channel(), command.recipientId(),
                command.recipientRole(), command.kind(), command.leaveRequestId(),
                command.employeeId() == null ? command.recipientId() : command.employeeId(),
                command.managerId(), command.fallbackChannel(), command.fallbackFor(), command.details(),
                correlationId, now, traceparent);
    }
}
