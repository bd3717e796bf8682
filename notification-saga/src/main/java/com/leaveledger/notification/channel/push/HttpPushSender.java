package com.leaveledger.notification.channel.push;

import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.HttpProviderClient;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.channel.ProviderReceipt;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Push over an HTTP provider: {@code POST <url>} with {@code {"token", "title", "body", "data"}} and the delivery
 * id as {@code Idempotency-Key}, the correlation id as {@code X-Correlation-Id}.
 */
public class HttpPushSender implements ChannelSender {

    private final HttpProviderClient http;
    private final URI url;

    public HttpPushSender(HttpProviderClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(OutgoingMessage message) {
        return http.post(url, message.idempotencyKey(), message.correlationId(), message.traceContext(), Map.of(
                "token", message.address(),
                "title", message.subject(),
                "body", message.body(),
                "data", message.data()));
    }
}
