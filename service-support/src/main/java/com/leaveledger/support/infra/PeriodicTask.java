package com.leaveledger.support.infra;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A piece of background work run on its own named daemon thread, with a fixed delay between runs: the samplers and
 * publishers of the services, the segment balancer and the delivery recovery. Their {@code SmartLifecycle} start and
 * stop delegate here. The work catches its own failures (an exception would end the schedule).
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

    /**
     * Stops the schedule and waits up to {@code timeout} for a run in progress to end (interrupted first), for work
     * whose shutdown must not overlap a last run.
     */
    public void stopAndWait(Duration timeout) throws InterruptedException {
        ScheduledExecutorService current;
        synchronized (this) {
            current = timer;
            timer = null;
        }
        if (current != null) {
            current.shutdownNow();
            current.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public boolean isRunning() {
        return timer != null;
    }
}
