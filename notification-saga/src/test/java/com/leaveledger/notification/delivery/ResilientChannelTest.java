package com.leaveledger.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.channel.ProviderException;
import com.leaveledger.notification.channel.ProviderReceipt;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The non-blocking composition of retry, circuit breaker, rate limiter and bulkhead around one provider. */
class ResilientChannelTest {

    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Duration> delays = new CopyOnWriteArrayList<>();
    private final OutgoingMessage message = new OutgoingMessage("key-1", Channel.SMS, "+4930", "s", "b", Map.of(),
            "corr-1", Map.of());

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void retriesRetryableFailuresWithExponentialBackoffUntilTheProviderAccepts() {
        AtomicInteger calls = new AtomicInteger();
        ResilientChannel channel = channel(m -> calls.incrementAndGet() <= 2
                ? CompletableFuture.failedFuture(ProviderException.transientFailure("http-503", "busy"))
                : CompletableFuture.completedFuture(new ProviderReceipt("p-1")), retry(6), breaker(100), bulkhead(10),
                limiter(1000));

        ResilientChannel.Result result = channel.send(message, attempts(() -> true)).join();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.receipt().providerMessageId()).isEqualTo("p-1");
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void givesUpWhenTheAttemptsAreUsedUp() {
        AtomicInteger calls = new AtomicInteger();
        ResilientChannel channel = channel(
                counting(calls, failing(ProviderException.transientFailure("timeout", "slow"))),
                retry(4), breaker(100), bulkhead(10), limiter(1000));

        ResilientChannel.Result result = channel.send(message, attempts(() -> true)).join();

        assertThat(result.succeeded()).isFalse();
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(calls).hasValue(4);
        assertThat(delays).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void aPermanentRefusalIsNeverRetried() {
        AtomicInteger calls = new AtomicInteger();
        ResilientChannel channel = channel(
                counting(calls, failing(ProviderException.permanent("http-400", "invalid number"))),
                retry(6), breaker(100), bulkhead(10), limiter(1000));

        ResilientChannel.Result result = channel.send(message, attempts(() -> true)).join();

        assertThat(result.attempts()).isEqualTo(1);
        assertThat(ResilientChannel.isPermanent(result.failure())).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void anOpenCircuitFailsFastWithoutCallingTheProvider() {
        AtomicInteger calls = new AtomicInteger();
        CircuitBreaker breaker = breaker(4);
        ResilientChannel channel = channel(
                counting(calls, failing(ProviderException.transientFailure("http-503", "down"))),
                retry(1), breaker, bulkhead(10), limiter(1000));
        for (int i = 0; i < 4; i++) {
            channel.send(message, attempts(() -> true)).join();
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        ResilientChannel.Result result = channel.send(message, attempts(() -> true)).join();

        assertThat(result.failure()).isInstanceOf(CallNotPermittedException.class);
        assertThat(calls).hasValue(4);
    }

    @Test
    void theBulkheadCapsTheCallsInFlightAndRefusesMoreAtOnce() {
        List<CompletableFuture<ProviderReceipt>> pending = new ArrayList<>();
        ResilientChannel channel = channel(m -> {
            CompletableFuture<ProviderReceipt> call = new CompletableFuture<>();
            pending.add(call);
            return call;
        }, retry(1), breaker(100), bulkhead(2), limiter(1000));

        CompletableFuture<ResilientChannel.Result> first = channel.send(message, attempts(() -> true));
        CompletableFuture<ResilientChannel.Result> second = channel.send(message, attempts(() -> true));
        ResilientChannel.Result third = channel.send(message, attempts(() -> true)).join();

        assertThat(third.failure()).isInstanceOf(BulkheadFullException.class);
        assertThat(pending).hasSize(2);
        pending.forEach(call -> call.complete(new ProviderReceipt("ok")));
        assertThat(first.join().succeeded()).isTrue();
        assertThat(second.join().succeeded()).isTrue();
    }

    @Test
    void theRateLimiterDelaysCallsBeyondTheQuotaWithoutBlockingTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        ResilientChannel channel = channel(
                counting(calls, accepting(new ProviderReceipt("ok"))),
                retry(1), breaker(100), bulkhead(10), limiter(2));

        long start = System.nanoTime();
        List<CompletableFuture<ResilientChannel.Result>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            results.add(channel.send(message, attempts(() -> true)));
        }
        long callerBlockedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(callerBlockedMillis).isLessThan(200);
        assertThat(calls.get()).isLessThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(results).allMatch(r -> r.join().succeeded());
        assertThat(calls).hasValue(4);
    }

    @Test
    void stopsRetryingADeliveryThatIsNoLongerWanted() {
        AtomicInteger calls = new AtomicInteger();
        ResilientChannel channel = channel(
                counting(calls, failing(ProviderException.transientFailure("http-503", "busy"))),
                retry(6), breaker(100), bulkhead(10), limiter(1000));

        ResilientChannel.Result result = channel.send(message, attempts(() -> false)).join();

        assertThat(result.failure()).isInstanceOf(ResilientChannel.Abandoned.class);
        assertThat(calls).hasValue(1);
    }

    /** A provider that counts its calls in {@code calls} and answers each with {@code answer}. */
    private static Function<OutgoingMessage, CompletableFuture<ProviderReceipt>> counting(AtomicInteger calls,
            Supplier<CompletableFuture<ProviderReceipt>> answer) {
        return message -> {
            calls.incrementAndGet();
            return answer.get();
        };
    }

    private static Supplier<CompletableFuture<ProviderReceipt>> failing(ProviderException failure) {
        return () -> CompletableFuture.failedFuture(failure);
    }

    private static Supplier<CompletableFuture<ProviderReceipt>> accepting(ProviderReceipt receipt) {
        return () -> CompletableFuture.completedFuture(receipt);
    }

    private ResilientChannel channel(Function<OutgoingMessage, CompletableFuture<ProviderReceipt>> provider,
                                     Retry retry, CircuitBreaker breaker, Bulkhead bulkhead, RateLimiter limiter) {
        return new ResilientChannel(Channel.SMS, provider::apply, retry, breaker, limiter, bulkhead,
                Duration.ofSeconds(2), timer);
    }

    private ResilientChannel.Attempts attempts(java.util.function.BooleanSupplier wanted) {
        return new ResilientChannel.Attempts() {
            @Override
            public void retrying(int attempt, Throwable cause, Duration delay) {
                delays.add(delay);
            }

            @Override
            public boolean stillWanted() {
                return wanted.getAsBoolean();
            }
        };
    }

    private static Retry retry(int maxAttempts) {
        return Retry.of("test", RetryConfig.custom().maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(10), 2.0,
                        Duration.ofMillis(160)))
                .retryOnException(e -> !ResilientChannel.isPermanent(e)).build());
    }

    private static CircuitBreaker breaker(int window) {
        return CircuitBreaker.of("test", CircuitBreakerConfig.custom().slidingWindowSize(window)
                .minimumNumberOfCalls(window).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .recordException(e -> !ResilientChannel.isPermanent(e)).build());
    }

    private static Bulkhead bulkhead(int calls) {
        return Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(calls).maxWaitDuration(Duration.ZERO)
                .build());
    }

    private static RateLimiter limiter(int perSecond) {
        return RateLimiter.of("test", RateLimiterConfig.custom().limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofSeconds(5)).build());
    }
}
