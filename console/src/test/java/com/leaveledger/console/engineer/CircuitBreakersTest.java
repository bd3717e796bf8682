package com.leaveledger.console.engineer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakersTest {

    @Test
    void readsTheStateEachBreakerIsIn() {
        String exposition = """
                # HELP resilience4j_circuitbreaker_state The states of the circuit breaker
                # TYPE resilience4j_circuitbreaker_state gauge
                resilience4j_circuitbreaker_state{name="email",state="closed"} 1.0
                resilience4j_circuitbreaker_state{name="email",state="open"} 0.0
                resilience4j_circuitbreaker_state{name="sms",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="sms",state="open"} 1.0
                resilience4j_circuitbreaker_calls_total{name="sms",kind="failed"} 3.0
                """;
        assertThat(CircuitBreakers.states(exposition)).containsExactly(
                java.util.Map.entry("email", "closed"), java.util.Map.entry("sms", "open"));
    }
}
