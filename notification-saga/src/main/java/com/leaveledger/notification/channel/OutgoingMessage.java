package com.leaveledger.notification.channel;

import com.leaveledger.kernel.employee.Channel;
import java.util.Map;

/**
 * One rendered message for one recipient address. {@code idempotencyKey} is the delivery id: the same delivery
 * always carries the same key, so a provider that honours it never delivers a resent message twice.
 */
public record OutgoingMessage(String idempotencyKey, Channel channel, String address, String subject, String body,
                              Map<String, String> data) {

    public OutgoingMessage {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
