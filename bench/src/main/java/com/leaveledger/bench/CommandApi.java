package com.leaveledger.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thin asynchronous client of the command API. HTTP/1.1 with keep-alive; the JDK client opens
 * one connection per concurrently outstanding request, so callers bound what is in flight.
 * Completion callbacks run on a small fixed pool so that the driver stays light on a 2-core box;
 * they must never block.
 */
final class CommandApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration timeout;
    private final boolean idempotencyKeys;
    private final ExecutorService executor;
    private final HttpClient client;

    CommandApi(URI baseUrl, Duration timeout, boolean idempotencyKeys) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.idempotencyKeys = idempotencyKeys;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                task -> {
                    Thread thread = new Thread(task, "bench-http-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    URI baseUrl() {
        return baseUrl;
    }

    CompletableFuture<HttpResponse<byte[]>> post(String path, String bearerToken, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + bearerToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(toJson(body)));
        if (idempotencyKeys) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, Duration requestTimeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(requestTimeout)
                .GET()
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    void shutdown() {
        executor.shutdownNow();
    }

    /** The id of an accepted submit: {@code leaveRequestId} of the body, else the Location's last segment. */
    static Optional<String> leaveRequestId(HttpResponse<byte[]> response) {
        JsonNode body = parse(response.body());
        if (body != null && body.hasNonNull("leaveRequestId")) {
            return Optional.of(body.get("leaveRequestId").asText());
        }
        return response.headers().firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .filter(id -> !id.isBlank());
    }

    /**
     * A short name for a refusal: the problem's {@code rule} or {@code code} member if present,
     * else the last segment of its {@code type}, else its {@code title}, else the body's start.
     */
    static String problemName(HttpResponse<byte[]> response) {
        JsonNode body = parse(response.body());
        if (body != null && body.isObject()) {
            for (String member : new String[] {"rule", "code", "errorCode"}) {
                if (body.hasNonNull(member) && !body.get(member).asText().isBlank()) {
                    return body.get(member).asText();
                }
            }
            if (body.hasNonNull("type") && !"about:blank".equals(body.get("type").asText())) {
                String type = body.get("type").asText();
                String tail = type.substring(type.lastIndexOf('/') + 1);
                return tail.isBlank() ? type : tail;
            }
            if (body.hasNonNull("title")) {
                return body.get("title").asText();
            }
        }
        String text = response.body() == null ? "" : new String(response.body(), StandardCharsets.UTF_8);
        text = text.replaceAll("\\s+", " ").trim();
        return text.isEmpty() ? "(empty body)" : text.substring(0, Math.min(60, text.length()));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] toJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize " + body, e);
        }
    }
}
