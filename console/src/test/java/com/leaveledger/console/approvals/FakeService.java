package com.leaveledger.console.approvals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service's HTTP answers as recorded JSON, over real HTTP (the JDK's server on a free port): each path answers the
 * status and body set for it (any method), and counts the calls it received, so a test can tell one call per page
 * from one per row.
 */
final class FakeService implements AutoCloseable {

    private final HttpServer server;
    private record Answer(int status, String json) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    FakeService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.getOrDefault(path, new Answer(404,
                    "{\"status\":404,\"rule\":\"not-found\",\"detail\":\"no " + path + "\"}"));
            byte[] bytes = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.status() < 300 ? "application/json"
                    : "application/problem+json");
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void answer(String path, String json) {
        answer(path, 200, json);
    }

    void answer(String path, int status, String json) {
        answers.put(path, new Answer(status, json));
    }

    int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void forget() {
        calls.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
