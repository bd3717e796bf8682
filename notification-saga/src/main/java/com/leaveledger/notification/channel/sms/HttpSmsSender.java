package com.leaveledger.notification.channel.sms;

import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.HttpProviderClient;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.channel.ProviderReceipt;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * SMS over an HTTP provider: {@code POST <url>} with {@code {"to", "text", "reference"}} and the delivery id as
 * {@code Idempotency-Key}, the correlation id as {@code X-Correlation-Id}.
 */
public class HttpSmsSender implements ChannelSender {

    private final HttpProviderClient http;
    private final URI url;

    public HttpSmsSender(HttpProviderClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(OutgoingMessage message) {
        return http.post(url, message.idempotencyKey(), message.correlationId(), message.traceContext(), Map.of(
                "to", message.address(),
                "text", message.body(),
                "reference", message.idempotencyKey()));
    }
}
