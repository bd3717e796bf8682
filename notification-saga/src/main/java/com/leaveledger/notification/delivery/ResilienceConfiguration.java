package com.leaveledger.notification.delivery;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Resilience4j's registries of the channels' retries, circuit breakers, bulkheads and rate limiters
 * ({@link ChannelConfiguration}), bound to Micrometer with the library's {@code Tagged*Metrics} (docs/observability.md).
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RetryRegistry retryRegistry(MeterRegistry meters) {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        // Resilience4j counts calls (retried or not); this counts the retries themselves, from its retry events.
        registry.getEventPublisher().onEntryAdded(added -> {
            Retry retry = added.getAddedEntry();
            Counter retries = Counter.builder("ledger.notifications.retries")
                    .description("Provider calls that failed and are tried again after a backoff")
                    .tag("channel", retry.getName().toUpperCase(Locale.ROOT))
                    .register(meters);
            retry.getEventPublisher().onRetry(event -> retries.increment());
        });
        return registry;
    }

    @Bean
    BulkheadRegistry bulkheadRegistry(MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RateLimiterRegistry rateLimiterRegistry(MeterRegistry meters) {
        RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry).bindTo(meters);
        return registry;
    }
}
