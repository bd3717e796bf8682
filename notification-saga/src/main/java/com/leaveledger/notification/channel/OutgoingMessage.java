package com.leaveledger.notification.channel;

import com.leaveledger.kernel.employee.Channel;
import java.util.Map;

/**
 * One rendered message for one recipient address. {@code idempotencyKey} is the delivery id: the same delivery
 * always carries the same key, so a provider that honours it never delivers a resent message twice.
 * {@code correlationId} is that of the HTTP request behind the notification (null if unknown): providers receive it
 * ({@code X-Correlation-Id}) and it is logged with each provider call. {@code traceContext} holds the W3C trace
 * context headers ({@code traceparent}) the message travels in: the delivery's, then, per provider call, that call's
 * span's, which senders pass on as headers (docs/adr/0042).
 */
public record OutgoingMessage(String idempotencyKey, Channel channel, String address, String subject, String body,
                              Map<String, String> data, String correlationId, Map<String, String> traceContext) {

    public OutgoingMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
        traceContext = traceContext == null ? Map.of() : Map.copyOf(traceContext);
    }

    /** The same message in another trace context (the provider call's span, whose headers go to the provider). */
    public OutgoingMessage withTraceContext(Map<String, String> context) {
        return new OutgoingMessage(idempotencyKey, channel, address, subject, body, data, correlationId, context);
    }
}
