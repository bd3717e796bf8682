package com.leaveledger.console.engineer;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.leaveledger.console.signin.ConsoleUser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The engineer's dead-letters page with a notification saga's processor queue (issue 25): a real HTTP server on a
 * free port answers as notification-saga's admin API does; the page lists its letters with a Dismiss form each, and
 * a dismissal sends the reason and says who dismissed what.
 */
@SpringBootTest
@ActiveProfiles("dev")
@AutoConfigureMockMvc
class ProcessorDeadLettersPageTest {

    private static final String LETTERS = "/admin/processors/employee-directory/dead-letters";
    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final HttpServer SAGA = saga();

    @Autowired
    private MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        String url = "http://127.0.0.1:" + SAGA.getAddress().getPort();
        registry.add("ledger.console.notification-url", () -> url);
        registry.add("ledger.console.command-url", () -> "http://127.0.0.1:9");
        registry.add("ledger.console.query-url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        SAGA.stop(0);
    }

    @Test
    void aProcessorsLettersAreListedWithADismissFormAndADismissalSendsTheReason() throws Exception {
        mvc.perform(get("/engineer/dead-letters").param("queue", "employee-directory").with(engineer()))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Dead letters of <span>employee-directory</span>")))
                .andExpect(content().string(Matchers.containsString("data-letter=\"letter-1\"")))
                .andExpect(content().string(Matchers.containsString("RefusedRowException")))
                .andExpect(content().string(Matchers.containsString(
                        "action=\"/engineer/dead-letters/processors/employee-directory/letter-1/dismiss\"")));
        Assertions.assertThat(CALLS).contains("GET " + LETTERS + "?limit=200");

        mvc.perform(post("/engineer/dead-letters/processors/employee-directory/letter-1/dismiss").with(engineer())
                        .with(csrf()).param("reason", "registered again"))
                .andExpect(redirectedUrl("/engineer/dead-letters?queue=employee-directory"))
                .andExpect(flash().attribute("done",
                        "Dead letter letter-1 of employee-directory dismissed by erin: registered again"));
        Assertions.assertThat(CALLS).contains("DELETE " + LETTERS + "/letter-1?reason=registered%20again");
    }

    private static HttpServer saga() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(LETTERS, exchange -> {
                CALLS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                String body = exchange.getRequestMethod().equals("DELETE")
                        ? "{\"processor\":\"employee-directory\",\"letter\":" + LETTER + ",\"dismissedBy\":\"erin\","
                        + "\"dismissedAt\":\"2027-03-01T10:00:00Z\",\"reason\":\"registered again\"}"
                        : "{\"items\":[" + LETTER + "],\"totalItems\":1}";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String LETTER = "{\"id\":\"letter-1\",\"sequence\":\"eli\",\"index\":0,\"eventId\":\"e-1\","
            + "\"eventType\":\"EmployeeRegisteredEvent\",\"aggregateId\":\"eli\",\"aggregateSequence\":0,"
            + "\"eventTimestamp\":\"2027-03-01T09:00:00.000Z\",\"enqueuedAt\":\"2027-03-01T09:00:01Z\","
            + "\"lastTouched\":\"2027-03-01T09:00:01Z\",\"causeType\":\"RefusedRowException\","
            + "\"causeMessage\":\"refused\",\"payload\":{\"name\":\"Eli\"}}";

    private static org.springframework.test.web.servlet.request.RequestPostProcessor engineer() {
        ConsoleUser user = new ConsoleUser("erin", Set.of("ENGINEER"), "t", Instant.now().plusSeconds(600));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_ENGINEER"))));
    }
}
