package com.leaveledger.console.backend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;

/**
 * One service's public HTTP API as the console calls it: the signed-in user's bearer token on every call, JSON in
 * and out as maps and lists (the pages show what the APIs answer; the console keeps no model of its own). A call
 * never throws for a refusal or an unreachable service — it answers a {@link Reply} with the {@link Problem} — except
 * a 401, which ends the session ({@link SessionExpiredException}).
 */
public final class Backend {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() {
    };

    private final String name;
    private final RestClient client;
    private final ObjectMapper json;

    public Backend(String name, RestClient client, ObjectMapper json) {
        this.name = name;
        this.client = client;
        this.json = json;
    }

    public String name() {
        return name;
    }

    public Reply<Map<String, Object>> getMap(String token, Function<UriBuilder, URI> uri) {
        return exchange(token, client.get().uri(uri), MAP);
    }

    public Reply<List<Map<String, Object>>> getList(String token, Function<UriBuilder, URI> uri) {
        return exchange(token, client.get().uri(uri), LIST);
    }

    /** A command with a JSON body; the answer's body, if any, as a map. */
    public Reply<Map<String, Object>> post(String token, Object body, Function<UriBuilder, URI> uri) {
        RestClient.RequestBodySpec spec = client.post().uri(uri);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return exchange(token, spec, MAP);
    }

    public Reply<Map<String, Object>> delete(String token, Function<UriBuilder, URI> uri) {
        return exchange(token, client.delete().uri(uri), MAP);
    }

    /** Unauthenticated text, such as {@code /actuator/prometheus}. */
    public Reply<String> getText(Function<UriBuilder, URI> uri) {
        try {
            return client.get().uri(uri).exchange((request, response) -> {
                if (response.getStatusCode().is2xxSuccessful()) {
                    return Reply.ok(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
                }
                return Reply.<String>failed(Problem.of(name, response.getStatusCode().value(), null));
            });
        } catch (ResourceAccessException e) {
            return Reply.failed(Problem.down(name));
        }
    }

    /**
     * Copies a download (an export) to {@code sink} as it arrives, once {@code onSuccess} has seen its headers; a
     * refusal is answered as a {@link Problem} before anything is written.
     */
    public Reply<Void> download(String token, Function<UriBuilder, URI> uri, Consumer<HttpHeaders> onSuccess,
                                OutputStreamSupplier sink) {
        try {
            Reply<Void> reply = client.get().uri(uri).headers(h -> h.setBearerAuth(token))
                    .exchange((request, response) -> {
                        HttpStatusCode status = response.getStatusCode();
                        if (!status.is2xxSuccessful()) {
                            return Reply.<Void>failed(problem(status.value(), response.getBody()));
                        }
                        onSuccess.accept(response.getHeaders());
                        try (InputStream in = response.getBody()) {
                            in.transferTo(sink.get());
                        }
                        return Reply.<Void>ok(null);
                    }, true);
            return expired(reply);
        } catch (ResourceAccessException e) {
            return Reply.failed(Problem.down(name));
        }
    }

    /** Where a download goes; opened only once the service answered 2xx. */
    @FunctionalInterface
    public interface OutputStreamSupplier {
        OutputStream get() throws IOException;
    }

    private <T> Reply<T> exchange(String token, RestClient.RequestHeadersSpec<?> spec, TypeReference<T> type) {
        try {
            Reply<T> reply = spec.headers(h -> h.setBearerAuth(token)).accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        byte[] bytes = response.getBody().readAllBytes();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            return Reply.ok(bytes.length == 0 ? null : json.readValue(bytes, type));
                        }
                        return Reply.<T>failed(problem(status, new java.io.ByteArrayInputStream(bytes)));
                    }, true);
            return expired(reply);
        } catch (ResourceAccessException e) {
            return Reply.failed(Problem.down(name));
        } catch (RestClientException e) {
            return Reply.failed(new Problem(name, 502, "bad-answer", "Unreadable answer",
                    name + " gave an answer the console cannot read", List.of()));
        }
    }

    private <T> Reply<T> expired(Reply<T> reply) {
        if (!reply.ok() && reply.problem().status() == 401) {
            throw new SessionExpiredException(name);
        }
        return reply;
    }

    private Problem problem(int status, InputStream body) {
        try {
            byte[] bytes = body.readAllBytes();
            return Problem.of(name, status, bytes.length == 0 ? null : json.readValue(bytes, MAP));
        } catch (IOException e) {
            return Problem.of(name, status, null);
        }
    }
}
