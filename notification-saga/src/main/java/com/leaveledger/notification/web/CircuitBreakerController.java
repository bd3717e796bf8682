package com.leaveledger.notification.web;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The channels' circuit breakers as Resilience4j's registry holds them now (role ENGINEER). */
@RestController
public class CircuitBreakerController {

    private final CircuitBreakerRegistry breakers;

    public CircuitBreakerController(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    /**
     * One breaker: its state and the figures of its sliding window. The rates are percentages, -1 until the window
     * holds the breaker's minimum number of calls.
     */
    public record BreakerState(String name, CircuitBreaker.State state, float failureRate, float slowCallRate,
                               int bufferedCalls, int failedCalls, int slowCalls, long notPermittedCalls) {

        static BreakerState of(CircuitBreaker breaker) {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            return new BreakerState(breaker.getName(), breaker.getState(), metrics.getFailureRate(),
                    metrics.getSlowCallRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(),
                    metrics.getNumberOfSlowCalls(), metrics.getNumberOfNotPermittedCalls());
        }
    }

    @GetMapping("/admin/circuit-breakers")
    @Operation(summary = "Every channel's circuit breaker: state, failure and slow-call rates, calls in its window",
            description = "State CLOSED, OPEN, HALF_OPEN, …; rates in percent, -1 while the window holds fewer calls "
                    + "than the breaker's minimum.")
    public List<BreakerState> all() {
        return breakers.getAllCircuitBreakers().stream().map(BreakerState::of)
                .sorted(Comparator.comparing(BreakerState::name)).toList();
    }
}
