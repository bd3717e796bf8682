package com.leaveledger.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {

    @Test
    void runsRepeatedlyOnItsNamedThreadUntilStopped() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<String> thread = new AtomicReference<>();
        PeriodicTask task = new PeriodicTask("test-sampler", Duration.ZERO, Duration.ofMillis(10), () -> {
            thread.set(Thread.currentThread().getName());
            runs.incrementAndGet();
        });

        task.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 3);
        task.stop();

        assertThat(task.isRunning()).isFalse();
        assertThat(thread.get()).isEqualTo("test-sampler");
        int afterStop = runs.get();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() <= afterStop + 1);
    }
}
