package com.leaveledger.notification.channel;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A channel over an HTTP provider: {@code POST <url>} with the message as the provider's JSON, the delivery id as
 * {@code Idempotency-Key} and the correlation id as {@code X-Correlation-Id} (through {@link HttpProviderClient}).
 * SMS and push differ only in their JSON.
 */
public final class HttpJsonSender implements ChannelSender {

    private final HttpProviderClient http;
    private final URI url;
    private final Function<OutgoingMessage, Map<String, Object>> body;

    private HttpJsonSender(HttpProviderClient http, URI url, Function<OutgoingMessage, Map<String, Object>> body) {
        this.http = http;
        this.url = url;
        this.body = body;
    }

    /** SMS: {@code {"to", "text", "reference"}}. */
    public static HttpJsonSender sms(HttpProviderClient http, URI url) {
        return new HttpJsonSender(http, url, message -> Map.of(
                "to", message.address(),
                "text", message.body(),
                "reference", message.idempotencyKey()));
    }

    /** Push: {@code {"token", "title", "body", "data"}}. */
    public static HttpJsonSender push(HttpProviderClient http, URI url) {
        return new HttpJsonSender(http, url, message -> Map.of(
                "token", message.address(),
                "title", message.subject(),
                "body", message.body(),
                "data", message.data()));
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(OutgoingMessage message) {
        return http.post(url, message.idempotencyKey(), message.correlationId(), message.traceContext(),
                body.apply(message));
    }
}
