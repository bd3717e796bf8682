package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.channel.ProviderException;
import com.leaveledger.notification.channel.ProviderReceipt;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One provider behind Resilience4j, without blocking a thread anywhere: a circuit breaker (a failing provider is
 * left alone for a while, and its calls fail fast), a rate limiter for the provider's quota (a permit is
 * <em>reserved</em> and the call scheduled for when it is due, instead of waiting on it), a bulkhead capping the
 * calls in flight, a time-out per call. Retries with exponential backoff wrap the whole: each failed attempt that
 * is not a permanent refusal is scheduled again after the retry's interval (1 s, 2 s, 4 s, 8 s, 16 s by default).
 * <p>
 * An {@link Attempts} listener hears about each failed attempt (to record it) and is asked before each retry
 * whether the delivery is still wanted (it may have been cancelled meanwhile).
 */
public class ResilientChannel {

    /** The logger of the one line per provider call. */
    public static final String PROVIDER_CALLS_LOGGER = "ledger.provider.calls";
    private static final Logger providerCalls = LoggerFactory.getLogger(PROVIDER_CALLS_LOGGER);
    /** The MDC key of the trace id, Micrometer Tracing's (shown by {@code logging.pattern.correlation}). */
    private static final String TRACE_ID_MDC_KEY = "traceId";

    private final Channel channel;
    private final ChannelSender sender;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Bulkhead bulkhead;
    private final Duration callTimeout;
    private final ScheduledExecutorService scheduler;
    private final ProviderCallTracing tracing;

    public ResilientChannel(Channel channel, ChannelSender sender, Retry retry, CircuitBreaker circuitBreaker,
                            RateLimiter rateLimiter, Bulkhead bulkhead, Duration callTimeout,
                            ScheduledExecutorService scheduler) {
        this(channel, sender, retry, circuitBreaker, rateLimiter, bulkhead, callTimeout, scheduler,
                ProviderCallTracing.NONE);
    }

    /** @param tracing a span per provider call, whose trace context the provider receives */
    public ResilientChannel(Channel channel, ChannelSender sender, Retry retry, CircuitBreaker circuitBreaker,
                            RateLimiter rateLimiter, Bulkhead bulkhead, Duration callTimeout,
                            ScheduledExecutorService scheduler, ProviderCallTracing tracing) {
        this.tracing = tracing;
        this.channel = channel;
        this.sender = sender;
        this.retry = retry;
        this.circuitBreaker = circuitBreaker;
        this.rateLimiter = rateLimiter;
        this.bulkhead = bulkhead;
        this.callTimeout = callTimeout;
        this.scheduler = scheduler;
    }

    /** Hooks of one delivery into the retry loop. */
    public interface Attempts {

        /** Attempt {@code attempt} failed and will be retried after {@code delay}. */
        void retrying(int attempt, Throwable cause, Duration delay);

        /** Asked before every retry: false stops the loop (the future then completes with {@link Abandoned}). */
        boolean stillWanted();
    }

    /** Completes the future of a delivery that stopped being wanted while it was waiting for a retry. */
    public static final class Abandoned extends RuntimeException {
        public Abandoned() {
            super("no longer wanted", null, false, false);
        }
    }

    /** The outcome of all attempts: the receipt, or the last failure, with the number of attempts made. */
    public record Result(ProviderReceipt receipt, Throwable failure, int attempts) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    public Channel channel() {
        return channel;
    }

    public CompletableFuture<Result> send(OutgoingMessage message, Attempts attempts) {
        CompletableFuture<Result> result = new CompletableFuture<>();
        attempt(message, attempts, retry.asyncContext(), 1, result);
        return result;
    }

    private void attempt(OutgoingMessage message, Attempts attempts, Retry.AsyncContext<ProviderReceipt> context,
                         int attempt, CompletableFuture<Result> result) {
        callOnce(message, attempt).whenComplete((receipt, error) -> {
            if (error == null) {
                context.onComplete();
                result.complete(new Result(receipt, null, attempt));
                return;
            }
            Throwable cause = unwrap(error);
            long delayMillis = context.onError(cause);
            if (delayMillis < 0) {
                result.complete(new Result(null, cause, attempt));
                return;
            }
            Duration delay = Duration.ofMillis(delayMillis);
            try {
                attempts.retrying(attempt, cause, delay);
            } catch (RuntimeException ignored) {
                // recording an attempt is best effort; the retry goes on
            }
            scheduler.schedule(() -> {
                if (!attempts.stillWanted()) {
                    result.complete(new Result(null, new Abandoned(), attempt));
                    return;
                }
                attempt(message, attempts, context, attempt + 1, result);
            }, delayMillis, TimeUnit.MILLISECONDS);
        });
    }

    /** One call through circuit breaker, rate limiter and bulkhead, never blocking the calling thread. */
    private CompletableFuture<ProviderReceipt> callOnce(OutgoingMessage message, int attempt) {
        if (!circuitBreaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(circuitBreaker));
        }
        long waitNanos = rateLimiter.reservePermission();
        if (waitNanos < 0) {
            circuitBreaker.releasePermission();
            return CompletableFuture.failedFuture(RequestNotPermitted.createRequestNotPermitted(rateLimiter));
        }
        if (waitNanos == 0) {
            return guardedCall(message, attempt);
        }
        CompletableFuture<ProviderReceipt> later = new CompletableFuture<>();
        scheduler.schedule(() -> guardedCall(message, attempt).whenComplete((r, e) -> {
            if (e != null) {
                later.completeExceptionally(unwrap(e));
            } else {
                later.complete(r);
            }
        }), waitNanos, TimeUnit.NANOSECONDS);
        return later;
    }

    private CompletableFuture<ProviderReceipt> guardedCall(OutgoingMessage message, int attempt) {
        if (!bulkhead.tryAcquirePermission()) {
            circuitBreaker.releasePermission();
            return CompletableFuture.failedFuture(BulkheadFullException.createBulkheadFullException(bulkhead));
        }
        long start = System.nanoTime();
        ProviderCallTracing.Call traced = tracing.start(message, attempt);
        CompletableFuture<ProviderReceipt> call;
        try {
            call = sender.send(traced.message());
        } catch (ProviderException e) {
            call = CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            // the client refused to build the call from this message (a header it cannot carry): retrying cannot
            // help, and it says nothing about the provider, so it is permanent and never opens the circuit
            call = CompletableFuture.failedFuture(new ProviderException("invalid-message",
                    "the " + channel + " client refused the message: " + e, true, e));
        }
        return call.orTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((receipt, error) -> {
                    bulkhead.onComplete();
                    long elapsed = System.nanoTime() - start;
                    if (error == null) {
                        circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    } else {
                        circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, asProviderFailure(unwrap(error)));
                    }
                    traced.end(error == null ? null : unwrap(error));
                    logCall(message, attempt, elapsed, receipt, error, traced.traceId());
                })
                .handle((receipt, error) -> {
                    if (error != null) {
                        throw new CompletionException(asProviderFailure(unwrap(error)));
                    }
                    return receipt;
                });
    }

    /**
     * One INFO line per provider call, under the correlation id and trace id of the HTTP request behind the
     * notification (the trace id is the provider call's span's), so
     * {@code grep <correlation-id>} over the services' logs leads from the command to the provider call. Logger
     * {@value #PROVIDER_CALLS_LOGGER}: set it to WARN to silence these lines.
     */
    private void logCall(OutgoingMessage message, int attempt, long elapsedNanos, ProviderReceipt receipt,
                         Throwable error, String traceId) {
        if (!providerCalls.isInfoEnabled()) {
            return;
        }
        String previous = MDC.get(CorrelationIdLogContext.MDC_KEY);
        String previousTrace = MDC.get(TRACE_ID_MDC_KEY);
        if (message.correlationId() != null) {
            MDC.put(CorrelationIdLogContext.MDC_KEY, message.correlationId());
        }
        if (traceId != null) {
            MDC.put(TRACE_ID_MDC_KEY, traceId);
        }
        try {
            long millis = TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
            if (error == null) {
                providerCalls.info("{} provider call {} of delivery {}: accepted in {} ms ({})", channel, attempt,
                        message.idempotencyKey(), millis, receipt == null ? null : receipt.providerMessageId());
            } else {
                providerCalls.info("{} provider call {} of delivery {}: failed in {} ms ({})", channel, attempt,
                        message.idempotencyKey(), millis,
                        withoutAddress(describe(asProviderFailure(unwrap(error))), message.address()));
            }
        } finally {
            restore(CorrelationIdLogContext.MDC_KEY, previous);
            restore(TRACE_ID_MDC_KEY, previousTrace);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }

    private static Throwable asProviderFailure(Throwable error) {
        if (error instanceof TimeoutException) {
            return new ProviderException("timeout", "no answer within the call time-out", false, error);
        }
        return error;
    }

    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** True if retrying cannot help: the provider refused the message itself. */
    public static boolean isPermanent(Throwable failure) {
        return failure instanceof ProviderException provider && provider.isPermanent();
    }

    /**
     * {@code text} with every occurrence of {@code address} (in any case) replaced by {@code [address]}: a provider's
     * error may quote the address it refused, and errors are logged, stored and published as dead letters, where no
     * address may go (docs/notifications.md, "Erasure").
     */
    public static String withoutAddress(String text, String address) {
        if (text == null || address == null || address.isBlank()) {
            return text;
        }
        return Pattern.compile(Pattern.quote(address), Pattern.CASE_INSENSITIVE).matcher(text)
                .replaceAll(Matcher.quoteReplacement("[address]"));
    }

    /** A short, stable reason for operators. */
    public static String describe(Throwable failure) {
        if (failure instanceof ProviderException provider) {
            return provider.code() + ": " + provider.getMessage();
        }
        if (failure instanceof CallNotPermittedException) {
            return "circuit-open: " + failure.getMessage();
        }
        if (failure instanceof BulkheadFullException) {
            return "bulkhead-full: " + failure.getMessage();
        }
        if (failure instanceof RequestNotPermitted) {
            return "rate-limited: " + failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
