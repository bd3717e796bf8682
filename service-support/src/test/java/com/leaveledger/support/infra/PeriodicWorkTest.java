package com.leaveledger.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicWorkTest {

    /** Fails its first two runs, then works. */
    static final class FlakySampler extends PeriodicWork {
        final AtomicInteger runs = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();

        FlakySampler() {
            super("flaky-sampler", Duration.ZERO, Duration.ofMillis(10), "the figures keep their last values");
        }

        @Override
        protected void runOnce() {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("run " + runs.get());
            }
        }

        @Override
        protected void failed(RuntimeException cause) {
            failures.add(cause.getMessage());
        }
    }

    @Test
    void aFailedRunIsReportedAndTheScheduleGoesOnUntilStopped() {
        FlakySampler sampler = new FlakySampler();

        sampler.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sampler.runs.get() >= 4);
        sampler.stop();

        assertThat(sampler.failures).containsExactly("run 1", "run 2");
        assertThat(sampler.isRunning()).isFalse();
    }
}
