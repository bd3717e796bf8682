package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * What the engineers' page reads from the saga in one call each: the latest leave requests' notifications per
 * channel (status, attempts, last error) and the circuit breakers as Resilience4j's registry holds them.
 */
class EngineerViewIT extends NotificationSagaIT {

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Test
    void theLatestRequestsComeWithEveryChannelsStatusAttemptsAndLastErrorInOneAnswer() {
        String manager = id("mia"), employee = id("eli"), first = id("req-1"), second = id("req-2");
        registerTeam(manager, employee);
        requested(first, employee, manager);
        approved(first, employee, manager);
        awaitSent(first, 7);
        requested(second, employee, manager);
        awaitSent(second, 3);
        String engineer = token("erin", "ENGINEER");

        ResponseEntity<JsonNode> answer = call(HttpMethod.GET, "/admin/notifications?limit=100", engineer);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody().path("limit").asInt()).isEqualTo(100);
        List<String> ids = new ArrayList<>();
        answer.getBody().path("leaveRequests").forEach(r -> ids.add(r.path("leaveRequestId").asText()));
        assertThat(ids).contains(first, second).doesNotHaveDuplicates();
        assertThat(ids.indexOf(second)).as("the latest first").isLessThan(ids.indexOf(first));
        JsonNode requests = answer.getBody().path("leaveRequests");
        assertThat(channels(requests.get(ids.indexOf(second)))).containsExactlyInAnyOrder(
                "LEAVE_REQUESTED EMAIL SENT 1 null", "LEAVE_REQUESTED PUSH SENT 1 null",
                "LEAVE_REQUESTED AUDIT SENT 1 null");
        assertThat(channels(requests.get(ids.indexOf(first)))).hasSize(7).contains("LEAVE_APPROVED SMS SENT 1 null");
        // each request as the status endpoint shows it to its parties
        assertThat(requests.get(ids.indexOf(first))).isEqualTo(call(HttpMethod.GET,
                "/api/notifications?leaveRequestId=" + first, token(employee, "EMPLOYEE")).getBody());
        assertThat(call(HttpMethod.GET, "/admin/notifications?limit=1", engineer).getBody().path("leaveRequests"))
                .hasSize(1);
        assertThat(call(HttpMethod.GET, "/admin/notifications?offset=1000000", engineer).getBody()
                .path("leaveRequests")).isEmpty();

        expectProblem(call(HttpMethod.GET, "/admin/notifications?limit=0", engineer), 400);
        expectProblem(call(HttpMethod.GET, "/admin/notifications?limit=101", engineer), 400);
        expectProblem(call(HttpMethod.GET, "/admin/notifications?offset=-1", engineer), 400);
        expectProblem(call(HttpMethod.GET, "/admin/notifications?limit=ten", engineer), 400);
        expectProblem(call(HttpMethod.GET, "/admin/notifications", token("cora", "COMPLIANCE")), 403);
    }

    @Test
    void theCircuitBreakersAreReadFromResilience4jsRegistry() {
        String engineer = token("erin", "ENGINEER");
        JsonNode all = call(HttpMethod.GET, "/admin/circuit-breakers", engineer).getBody();
        List<String> names = new ArrayList<>();
        all.forEach(breaker -> names.add(breaker.path("name").asText()));
        assertThat(names).contains("email", "push", "sms").isSorted();
        JsonNode email = find(all, "email");
        assertThat(email.path("state").asText()).isEqualTo(breakers.circuitBreaker("email").getState().name());
        assertThat(email.path("bufferedCalls").isIntegralNumber()).isTrue();
        assertThat(email.path("failureRate").isNumber()).isTrue();
        assertThat(email.path("notPermittedCalls").isIntegralNumber()).isTrue();

        // a breaker that opens shows OPEN at once, with the failures that opened it
        String probe = "probe-" + run;
        CircuitBreaker breaker = breakers.circuitBreaker(probe);
        try {
            for (int call = 0; call < 100; call++) {
                breaker.onError(0, TimeUnit.MILLISECONDS, new IllegalStateException("down"));
            }
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
            JsonNode opened = find(call(HttpMethod.GET, "/admin/circuit-breakers", engineer).getBody(), probe);
            assertThat(opened.path("state").asText()).isEqualTo("OPEN");
            assertThat(opened.path("failureRate").floatValue()).isEqualTo(100.0f);
            assertThat(opened.path("bufferedCalls").asInt()).isEqualTo(100);
            assertThat(opened.path("failedCalls").asInt()).isEqualTo(100);
        } finally {
            breakers.remove(probe);
        }
        expectProblem(call(HttpMethod.GET, "/admin/circuit-breakers", token("eli", "EMPLOYEE")), 403);
    }

    private static JsonNode find(JsonNode breakers, String name) {
        for (JsonNode breaker : breakers) {
            if (breaker.path("name").asText().equals(name)) {
                return breaker;
            }
        }
        throw new AssertionError("no breaker " + name + " in " + breakers);
    }

    private static List<String> channels(JsonNode request) {
        List<String> channels = new ArrayList<>();
        request.path("notifications").forEach(n -> n.path("channels").forEach(c -> channels.add(n.path("kind")
                .asText() + " " + c.path("channel").asText() + " " + c.path("status").asText() + " "
                + c.path("attempts").asInt() + " " + c.path("lastError").asText("null"))));
        return channels;
    }

    private static void expectProblem(ResponseEntity<JsonNode> answer, int status) {
        assertThat(answer.getStatusCode().value()).as("%s", answer).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().path("rule").asText()).isNotBlank();
    }
}
