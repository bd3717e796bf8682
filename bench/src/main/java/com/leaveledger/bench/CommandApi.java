package com.leaveledger.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Thin asynchronous client of the command API on Vert.x's HTTP client (Netty, one event loop):
 * HTTP/1.1, keep-alive, one request per connection at a time, at most {@code maxConnections}
 * connections (further requests wait in the pool's queue).
 *
 * <p>Why not the JDK's {@code java.net.http.HttpClient}: on the 2-core benchmark machine the
 * driver shares the cores with everything it measures, and the JDK client cost several times this
 * client's CPU per command, a large share of the whole budget.
 *
 * <p>Completion callbacks run on the event loop: they must never block.
 */
final class CommandApi {

    /** An answer: status, body and the {@code Location} header (null when absent). */
    record Response(int statusCode, byte[] body, String location, String path) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence ACCEPT = HttpHeaders.createOptimized("application/json, application/problem+json");
    private static final CharSequence IDEMPOTENCY_KEY = HttpHeaders.createOptimized("Idempotency-Key");

    private final URI baseUrl;
    private final long timeoutMillis;
    private final boolean idempotencyKeys;
    private final Vertx vertx;
    private final HttpClient client;
    /** The event-loop context every call is built on (see {@link #send}). */
    private final io.vertx.core.Context context;

    CommandApi(URI baseUrl, Duration timeout, boolean idempotencyKeys, int maxConnections) {
        this.baseUrl = baseUrl;
        this.timeoutMillis = timeout.toMillis();
        this.idempotencyKeys = idempotencyKeys;
        this.vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setPreferNativeTransport(false));
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : ("https".equals(baseUrl.getScheme()) ? 443 : 80);
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setDefaultHost(baseUrl.getHost())
                        .setDefaultPort(port)
                        .setSsl("https".equals(baseUrl.getScheme()))
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setConnectTimeout(5_000)
                        .setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(maxConnections));
        this.context = vertx.getOrCreateContext();
    }

    URI baseUrl() {
        return baseUrl;
    }

    CompletableFuture<Response> post(String path, String bearerToken, Object body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON)
                .add(HttpHeaders.ACCEPT, ACCEPT)
                .add(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken);
        if (idempotencyKeys) {
            headers.add(IDEMPOTENCY_KEY, UUID.randomUUID().toString());
        }
        return send(new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(path)
                .setHeaders(headers)
                .setIdleTimeout(timeoutMillis), Buffer.buffer(toJson(body)));
    }

    /** Blocking GET, for the health check before a run. */
    Response get(String path, Duration requestTimeout) throws IOException, InterruptedException, TimeoutException {
        CompletableFuture<Response> call = send(new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI(path)
                .setIdleTimeout(requestTimeout.toMillis()), null);
        try {
            return call.get(requestTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Population.unwrap(e.getCause());
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                throw new TimeoutException(cause.getMessage());
            }
            throw new IOException(cause);
        }
    }

    /**
     * Builds the call on the client's event loop. Built on the caller's thread, the chain raced the answer: when the
     * response arrived before {@code body()} was attached, the listener ran later on the event loop, after the body's
     * chunks had gone by, and the body came out empty (about one 202 in 10,000 on a busy machine).
     */
    private CompletableFuture<Response> send(RequestOptions options, Buffer body) {
        String path = options.getURI();
        io.vertx.core.Promise<Response> answer = io.vertx.core.Promise.promise();
        context.runOnContext(ignored -> client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(bytes -> new Response(
                        response.statusCode(), bytes.getBytes(), response.getHeader(HttpHeaders.LOCATION), path)))
                .onComplete(answer));
        return answer.future().toCompletionStage().toCompletableFuture();
    }

    void shutdown() {
        try {
            client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Closing is best effort at the end of a run.
        }
    }

    /** The id of an accepted submit: {@code leaveRequestId} of the body, else the Location's last segment. */
    static Optional<String> leaveRequestId(Response response) {
        JsonNode body = parse(response.body());
        if (body != null && body.hasNonNull("leaveRequestId")) {
            return Optional.of(body.get("leaveRequestId").asText());
        }
        return Optional.ofNullable(response.location())
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .filter(id -> !id.isBlank());
    }

    /**
     * A short name for a refusal: the problem's {@code rule} or {@code code} member if present,
     * else the last segment of its {@code type}, else its {@code title}, else the body's start.
     */
    static String problemName(Response response) {
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
