package com.leaveledger.notification.channel;

import com.leaveledger.kernel.employee.Channel;
import java.util.Map;

/**
 * One rendered message for one recipient address. {@code idempotencyKey} is the delivery id: the same delivery
 * always carries the same key, so a provider that honours it never delivers a resent message twice.
 * {@code correlationId} is that of the HTTP request behind the notification (null if unknown): providers receive it
 * ({@code X-Correlation-Id}) and it is logged with each provider call.
 */
public record OutgoingMessage(String idempotencyKey, Channel channel, String address, String subject, String body,
                              Map<String, String> data, String correlationId) {

    public OutgoingMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
