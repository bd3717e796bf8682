package com.leaveledger.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** HTTP + JSON against the services, as any client would: bearer JWTs signed with the dev profile's secret. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** An answer: status, JSON body (missing node if none) and headers. */
    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A dev token: {@code sub} = subject, {@code roles}; HS256 with the secret the services were started with. */
    static String token(String subject, String... roles) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600))).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(LedgerSystem.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One request and its answer as sent and received, for the contract test ({@link OpenApiContract}): the service,
     * method, path with query, request headers and body, status, answer headers and body.
     */
    record Exchange(ServiceProcess service, String method, java.net.URI uri, Map<String, List<String>> requestHeaders,
                    String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {
    }

    /** While set, every exchange goes to it as well (one recorder at a time: the contract test's). */
    private static volatile Consumer<Exchange> recorder;

    static void record(Consumer<Exchange> exchanges) {
        recorder = exchanges;
    }

    static Answer get(ServiceProcess service, String path, String token) {
        return send(service, request(service, path, token).GET(), null);
    }

    /** The body of a GET as text (an export), whatever its format; fails unless 200. */
    static String getText(ServiceProcess service, String path, String token) {
        try {
            HttpResponse<String> response = CLIENT.send(request(service, path, token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer delete(ServiceProcess service, String path, String token) {
        return send(service, request(service, path, token).DELETE(), null);
    }

    /** POST with a JSON body, or none when {@code body} is null; {@code headers} are name, value pairs. */
    static Answer post(ServiceProcess service, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request = request(service, path, token);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body == null) {
            return send(service, request.POST(HttpRequest.BodyPublishers.noBody()), null);
        }
        request.header("Content-Type", "application/json");
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        return send(service, request.POST(HttpRequest.BodyPublishers.ofString(json)), json);
    }

    /** PUT with a JSON body. */
    static Answer put(ServiceProcess service, String path, String token, Object body) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        HttpRequest.Builder request = request(service, path, token).header("Content-Type", "application/json");
        return send(service, request.PUT(HttpRequest.BodyPublishers.ofString(json)), json);
    }

    /** POST with a raw body of the given content type (a body that is not JSON, for instance). */
    static Answer postRaw(ServiceProcess service, String path, String token, String contentType, String body) {
        HttpRequest.Builder request = request(service, path, token).header("Content-Type", contentType);
        return send(service, request.POST(HttpRequest.BodyPublishers.ofString(body)), body);
    }

    private static HttpRequest.Builder request(ServiceProcess service, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static Answer send(ServiceProcess service, HttpRequest.Builder builder, String requestBody) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Consumer<Exchange> exchanges = recorder;
            if (exchanges != null) {
                exchanges.accept(new Exchange(service, request.method(), request.uri(), request.headers().map(),
                        requestBody, response.statusCode(), response.headers().map(), response.body()));
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body() == null || response.body().isBlank() ? MissingNode.getInstance()
                    : contentType.contains("ndjson") || contentType.startsWith("text/")
                    ? JSON.getNodeFactory().textNode(response.body()) : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
