package com.leaveledger.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the benchmark mains share: options, dev JWTs, JSON over HTTP. Not a test. */
final class BenchSupport {

    static final ObjectMapper JSON = com.leaveledger.kernel.LedgerObjectMapper.create();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchSupport() {
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                options.put(key, args[++i]);
            } else {
                options.put(key, "true");
            }
        }
        return options;
    }

    static String secret() {
        String secret = System.getenv("LEDGER_JWT_SECRET");
        return secret == null || secret.isBlank() ? "dev-only-leave-ledger-secret-change-me-0123456789abcdef" : secret;
    }

    /**
     * A dev token per subject and roles, minted once: the services cache verified tokens by their text, so a load loop
     * that minted one per request would make every request pay for signature checking (and the driver for signing).
     */
    static String token(String subject, String... roles) {
        return TOKENS.computeIfAbsent(subject + "|" + String.join(",", roles), key -> mint(subject, roles));
    }

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String mint(String subject, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(7200))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret().getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode get(String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("GET " + url + " → " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    static HttpResponse<String> send(String method, String url, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until every projection of the query side has handled everything on its topic. */
    static void awaitCaughtUp(String queryUrl, String engineer, Duration timeout) {
        org.awaitility.Awaitility.await("the query side has handled everything on its topic")
                .atMost(timeout).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    long lag = 0;
                    for (JsonNode projection : get(queryUrl + "/admin/projections", engineer)) {
                        lag += projection.path("lag").asLong();
                    }
                    return lag == 0;
                });
    }

    /** An answer of {@link AsyncHttp}. */
    record Answer(int status, String body, String location) {
    }

    /**
     * JSON over HTTP for the load loops: Vert.x's client on one event loop, a keep-alive pool of at most
     * {@code maxConnections}. The JDK's {@code HttpClient} cost the driver ~0.5 ms of CPU per request, a sizeable share
     * of a 2-core machine that also runs what is measured (docs/benchmarks.md). Callbacks run on the event loop.
     */
    static final class AsyncHttp implements AutoCloseable {

        private final io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions()
                .setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        private final io.vertx.core.http.HttpClient client;
        private final io.vertx.core.Context context;

        AsyncHttp(int maxConnections) {
            client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true)
                            .setConnectTimeout(5_000).setTcpNoDelay(true),
                    new io.vertx.core.http.PoolOptions().setHttp1MaxSize(maxConnections));
            context = vertx.getOrCreateContext();
        }

        java.util.concurrent.CompletableFuture<Answer> post(String url, String token, Object body) {
            String json;
            try {
                json = JSON.writeValueAsString(body);
            } catch (IOException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            // Built on the client's event loop: built on the caller's thread, the chain raced the answer, and a
            // response that arrived before body() was attached came out with an empty body (bench's CommandApi).
            io.vertx.core.Promise<Answer> answer = io.vertx.core.Promise.promise();
            context.runOnContext(ignored -> client.request(new io.vertx.core.http.RequestOptions()
                            .setMethod(io.vertx.core.http.HttpMethod.POST).setAbsoluteURI(url).setIdleTimeout(30_000)
                            .putHeader("Authorization", "Bearer " + token)
                            .putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(json))
                    .compose(response -> response.body().map(bytes -> new Answer(response.statusCode(),
                            bytes.toString(StandardCharsets.UTF_8), response.getHeader("Location"))))
                    .onComplete(answer));
            return answer.future().toCompletionStage().toCompletableFuture();
        }

        @Override
        public void close() {
            vertx.close();
        }
    }

    static String fmt(double value) {
        return String.format(java.util.Locale.ROOT, "%,.0f", value);
    }
}
