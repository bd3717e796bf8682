package com.leaveledger.support.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A piece of background work run on its own named daemon thread, with a fixed delay between runs: the samplers and
 * publishers of the services. Their {@code SmartLifecycle} start and stop delegate here. The work catches its own
 * failures (an exception would end the schedule).
 */
public final class PeriodicTask {

    private final String threadName;
    private final Duration initialDelay;
    private final Duration interval;
    private final Runnable work;
    private volatile ScheduledExecutorService timer;

    public PeriodicTask(String threadName, Duration initialDelay, Duration interval, Runnable work) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.work = work;
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(work, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    public boolean isRunning() {
        return timer != null;
    }
}
