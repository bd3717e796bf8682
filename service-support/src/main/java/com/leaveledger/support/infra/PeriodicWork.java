package com.leaveledger.support.infra;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A bean whose work runs on a {@link PeriodicTask} of its own, started and stopped with the application context: the
 * services' samplers and publishers. A run that throws is logged once when the work starts failing (saying what its
 * figures do meanwhile) and once when it works again, not at every run; {@link #failed} is told each time.
 */
public abstract class PeriodicWork implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final Duration interval;
    private final String whileFailing;
    private final PeriodicTask task;
    private volatile boolean failing;

    /**
     * @param name         the thread's name, and the work's in the log
     * @param whileFailing what a failed run leaves, for the log (e.g. "the lag gauges are NaN until it works")
     */
    protected PeriodicWork(String name, Duration initialDelay, Duration interval, String whileFailing) {
        this.name = name;
        this.interval = interval;
        this.whileFailing = whileFailing;
        this.task = new PeriodicTask(name, initialDelay, interval, this::runLogged);
    }

    /** One run of the work. */
    protected abstract void runOnce();

    /** After each run that threw. Nothing by default. */
    protected void failed(RuntimeException cause) {
    }

    private void runLogged() {
        try {
            runOnce();
            if (failing) {
                log.info("{}: works again", name);
                failing = false;
            }
        } catch (RuntimeException e) {
            failed(e);
            if (!failing) {
                log.warn("{}: failed, {}; trying again every {}: {}", name, whileFailing, interval, e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void start() {
        task.start();
    }

    @Override
    public void stop() {
        task.stop();
    }

    @Override
    public boolean isRunning() {
        return task.isRunning();
    }
}
