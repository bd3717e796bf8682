package com.leaveledger.notification.channel;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider simulated in-process, for local runs and benchmarks: every call completes after {@code latency}
 * (without holding a thread) and fails with probability {@code failureRate} (a retryable 503). Calls in flight
 * are limited only by the channel's bulkhead, as with a real provider.
 */
public class SimulatedSender implements ChannelSender {

    private final String name;
    private final Duration latency;
    private final double failureRate;
    private final ScheduledExecutorService timer;
    private final AtomicLong accepted = new AtomicLong();

    public SimulatedSender(String name, Duration latency, double failureRate, ScheduledExecutorService timer) {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failure rate must be within [0, 1]: " + failureRate);
        }
        this.name = name;
        this.latency = latency;
        this.failureRate = failureRate;
        this.timer = timer;
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(OutgoingMessage message) {
        CompletableFuture<ProviderReceipt> answer = new CompletableFuture<>();
        boolean fail = failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate;
        timer.schedule(() -> {
            if (fail) {
                answer.completeExceptionally(ProviderException.transientFailure("http-503",
                        "simulated " + name + " provider failure"));
            } else {
                accepted.incrementAndGet();
                answer.complete(new ProviderReceipt(name + "-" + UUID.randomUUID()));
            }
        }, latency.toNanos(), TimeUnit.NANOSECONDS);
        return answer;
    }

    /** Messages this simulated provider accepted since start. */
    public long accepted() {
        return accepted.get();
    }
}
