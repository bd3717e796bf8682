package com.leaveledger.notification.delivery;

import com.leaveledger.support.infra.PeriodicTask;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Resumes deliveries whose owner stopped driving them: an instance that crashed mid-send, or was stopped while a
 * delivery waited for a retry. Every {@code interval} it claims open deliveries whose lease ran out and dispatches
 * them again, with the same idempotency key. On a clean stop it releases its own leases, so another instance (or
 * this one after the restart) takes over at once.
 */
public class DeliveryRecovery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecovery.class);

    private final DeliveryStore store;
    private final DeliveryDispatcher dispatcher;
    private final String instanceId;
    private final Duration lease;
    private final Duration interval;
    private final PeriodicTask task;
    private volatile boolean running;

    public DeliveryRecovery(DeliveryStore store, DeliveryDispatcher dispatcher, String instanceId, Duration lease,
                            Duration interval) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.instanceId = instanceId;
        this.lease = lease;
        this.interval = interval;
        this.task = new PeriodicTask("delivery-recovery", interval, interval, this::recoverSafely);
    }

    /** Claims and resumes abandoned deliveries; answers how many. */
    public int recover() {
        int total = 0;
        List<Delivery> claimed;
        do {
            claimed = store.claimExpired(instanceId, lease, 200);
            claimed.forEach(dispatcher::dispatch);
            total += claimed.size();
        } while (running && claimed.size() == 200);
        if (total > 0) {
            log.info("resumed {} deliveries whose owner had stopped", total);
        }
        return total;
    }

    @Override
    public void start() {
        running = true;
        task.start();
    }

    private void recoverSafely() {
        try {
            recover();
        } catch (RuntimeException e) {
            log.warn("delivery recovery failed; will try again in {}", interval, e);
        }
    }

    @Override
    public void stop() {
        running = false;
        task.stop();
        try {
            int released = store.releaseLeases(instanceId);
            if (released > 0) {
                log.info("released {} open deliveries for other instances", released);
            }
        } catch (RuntimeException e) {
            log.warn("could not release delivery leases; they expire after {}", lease, e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the dispatcher (lower phase stops later), so its abandoned deliveries are released. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 150;
    }
}
