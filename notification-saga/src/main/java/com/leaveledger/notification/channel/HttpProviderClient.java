package com.leaveledger.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.support.web.CorrelationIdFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * POSTs JSON to an HTTP provider with {@code HttpClient.sendAsync}: no thread waits for the answer, so hundreds of
 * calls can be in flight. Every request carries {@code Idempotency-Key}, and {@code X-Correlation-Id} when the
 * notification's correlation id is known (the provider's logs then trace back to the HTTP request behind it), and
 * the W3C trace context of the call ({@code traceparent}) when it is traced. 2xx
 * is success (the provider's id is read from the body's {@code id}, if any); 408, 425, 429 and 5xx are retryable;
 * other answers are permanent refusals.
 */
public class HttpProviderClient {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = CorrelationIdFilter.HEADER;

    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;

    public HttpProviderClient(HttpClient client, ObjectMapper json, Duration timeout) {
        this.client = client;
        this.json = json;
        this.timeout = timeout;
    }

    public CompletableFuture<ProviderReceipt> post(URI uri, String idempotencyKey, String correlationId,
                                                   Map<String, String> traceContext, Object body) {
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(body);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new ProviderException("invalid-message", e.getMessage(), true, e));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
        if (correlationId != null) {
            request.header(CORRELATION_ID, correlationId);
        }
        traceContext.forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw classify(error instanceof CompletionException ? error.getCause() : error);
                    }
                    return receipt(response);
                });
    }

    private ProviderReceipt receipt(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new ProviderReceipt(providerId(response.body()));
        }
        String detail = "provider answered " + status + abbreviate(response.body());
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        throw new ProviderException("http-" + status, detail, !retryable, null);
    }

    private String providerId(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode id = json.readTree(body).path("id");
            return id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static ProviderException classify(Throwable error) {
        if (error instanceof ProviderException provider) {
            return provider;
        }
        if (error instanceof HttpTimeoutException) {
            return new ProviderException("timeout", "no answer within the time-out", false, error);
        }
        return new ProviderException("connection", String.valueOf(error.getMessage()), false, error);
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        return ": " + (trimmed.length() > 200 ? trimmed.substring(0, 200) + "…" : trimmed);
    }
}
