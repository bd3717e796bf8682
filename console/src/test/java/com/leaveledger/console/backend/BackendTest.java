package com.leaveledger.console.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** What a service's answers become for a page: against a real HTTP server on a free port. */
class BackendTest {

    private HttpServer server;
    private Backend backend;
    private volatile String lastAuthorization;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        answer("/ok", 200, "application/json", "{\"balances\":[{\"leaveType\":\"ANNUAL\"}]}");
        answer("/refused", 422, "application/problem+json", "{\"type\":\"urn:leave-ledger:problem:insufficient-balance\","
                + "\"title\":\"Insufficient balance\",\"status\":422,\"detail\":\"needs 6.0 days\","
                + "\"rule\":\"insufficient-balance\",\"errors\":[{\"field\":\"startDate\",\"message\":\"too early\"}]}");
        answer("/expired", 401, "application/problem+json", "{\"status\":401,\"rule\":\"unauthenticated\"}");
        answer("/broken", 500, "text/html", "<html>oops</html>");
        server.start();
        backend = backendAt("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void answersTheBodyAndSendsTheSessionsToken() {
        Reply<Map<String, Object>> reply = backend.getMap("the-token", uri -> uri.path("/ok").build());
        assertThat(reply.ok()).isTrue();
        assertThat(reply.body()).containsKey("balances");
        assertThat(lastAuthorization).isEqualTo("Bearer the-token");
    }

    @Test
    void readsAProblemWithItsRuleDetailAndFieldErrors() {
        Problem problem = backend.post("t", Map.of(), uri -> uri.path("/refused").build()).problem();
        assertThat(problem.rule()).isEqualTo("insufficient-balance");
        assertThat(problem.detail()).isEqualTo("needs 6.0 days");
        assertThat(problem.errorOf("startDate")).isEqualTo("too early");
        assertThat(problem.service()).isEqualTo("query-side");
    }

    @Test
    void aServerErrorWithoutProblemIsStillAProblemNamingTheService() {
        Problem problem = backend.getMap("t", uri -> uri.path("/broken").build()).problem();
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).contains("query-side");
    }

    @Test
    void a401EndsTheSession() {
        assertThatThrownBy(() -> backend.getMap("t", uri -> uri.path("/expired").build()))
                .isInstanceOf(SessionExpiredException.class)
                .extracting(e -> ((SessionExpiredException) e).service()).isEqualTo("query-side");
    }

    @Test
    void aServiceThatIsDownIsAProblemNotAnException() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Problem problem = backendAt("http://127.0.0.1:" + closed).getList("t", uri -> uri.path("/x").build()).problem();
        assertThat(problem.isDown()).isTrue();
        assertThat(problem.detail()).isEqualTo("query-side is not answering");
    }

    private Backend backendAt(String url) {
        return new Backend("query-side", RestClient.builder().baseUrl(url).build(), new ObjectMapper());
    }

    private void answer(String path, int status, String type, String body) {
        server.createContext(path, exchange -> {
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }
}
