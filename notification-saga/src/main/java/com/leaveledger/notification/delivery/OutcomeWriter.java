package com.leaveledger.notification.delivery;

import com.leaveledger.kernel.privacy.PersonalDataCipher;
import com.leaveledger.support.persistence.StorableText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records delivery outcomes in batches: one transaction updates the rows (status, attempts, last error, times),
 * appends the outcome events to the outcome log (failures also to the event store, for the saga) and creates dead
 * letters, for up to {@code batchSize} outcomes at once. At thousands of notifications per second this is what keeps
 * PostgreSQL to a few transactions per second instead of one per message. At a moderate rate outcomes arrive one at
 * a time, so a batch waits up to {@code linger} after its first outcome for more, which halves the durable commits
 * at a moderate rate (docs/adr/0024). An outcome lost in a crash before its batch commits leaves its
 * delivery open; the recovery resends it with the same idempotency key. Each batch is one Axon unit of work, so the
 * event store is told about the new events only after they are committed.
 */
public class OutcomeWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final EventBus eventBus;
    private final DeadLetterSink deadLetters;
    private final DeliveryEventLog eventLog;
    private final MeterRegistry meters;
    private final int batchSize;
    private final long lingerNanos;
    private final Duration lease;
    private final BlockingQueue<Outcome> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread thread;

    public OutcomeWriter(JdbcTemplate jdbc, TransactionManager transactions, EventBus eventBus,
                         DeadLetterSink deadLetters, DeliveryEventLog log, MeterRegistry meters, int batchSize,
                         Duration linger, Duration lease) {
        this.eventLog = log;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.eventBus = eventBus;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.lease = lease;
    }

    void record(Outcome outcome) {
        queue.add(outcome);
    }

    /** Outcomes waiting to be written (a gauge; also lets tests and shutdown wait for a quiet writer). */
    public int backlog() {
        return queue.size();
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "delivery-outcomes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the dispatcher (higher phase stops first), so the last outcomes are still written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void run() {
        List<Outcome> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Outcome first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                collect(batch);
                writeWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what arrives within the linger after the first outcome, up to a full batch. */
    private void collect(List<Outcome> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0 || !running) {
                return;
            }
            Outcome next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void writeWithRetry(List<Outcome> batch) throws InterruptedException {
        long backoff = 200;
        while (true) {
            try {
                UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                unitOfWork.attachTransaction(transactions);
                ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                    write(batch);
                    return null;
                });
                if (result.isExceptional()) {
                    throw new IllegalStateException(result.exceptionResult());
                }
                return;
            } catch (RuntimeException e) {
                if (!running && backoff > 5_000) {
                    log.error("giving up writing {} delivery outcomes on shutdown; recovery will resend them",
                            batch.size(), e);
                    return;
                }
                log.warn("writing {} delivery outcomes failed; retrying in {} ms", batch.size(), backoff, e);
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void write(List<Outcome> batch) {
        List<DeliveryEventLog.Entry> events = new ArrayList<>();
        List<EventMessage<?>> failures = new ArrayList<>();
        List<Outcome.Sent> sent = new ArrayList<>();
        for (Outcome outcome : batch) {
            if (outcome instanceof Outcome.Sent s) {
                sent.add(s);
            } else if (outcome instanceof Outcome.AttemptFailed f) {
                jdbc.update("update delivery set status = 'RETRYING', attempts = greatest(attempts, ?), last_error = ?, "
                                + "last_attempt_at = ?, lease_until = greatest(lease_until, ?) "
                                + "where delivery_id = ? and status in ('PENDING', 'RETRYING')",
                        f.attempt(), truncate(f.error()), Timestamp.from(f.at()), Timestamp.from(f.at().plus(lease)),
                        f.delivery().deliveryId());
            } else if (outcome instanceof Outcome.Skipped s) {
                if (complete(s.delivery(), "SKIPPED", 0, s.reason(), null, s.at())) {
                    events.add(new DeliveryEventLog.Entry(s.delivery(), new NotificationSkippedEvent(
                            s.delivery().deliveryId(), s.delivery().leaveRequestId(), s.delivery().channel(),
                            s.delivery().recipientId(), s.reason()), s.at()));
                    count(s.delivery(), "skipped");
                }
            } else if (outcome instanceof Outcome.GaveUp g) {
                gaveUp(g, events, failures);
            }
        }
        if (!sent.isEmpty()) {
            Set<String> erased = erasedRecipients(sent);
            if (!erased.isEmpty()) {
                sent = sent.stream().map(s -> erased.contains(s.delivery().recipientId()) ? new Outcome.Sent(
                        s.delivery(), s.attempts(), PersonalDataCipher.ERASED, s.providerMessageId(), s.at()) : s)
                        .toList();
            }
            int[] updated = jdbc.batchUpdate("update delivery set status = 'SENT', attempts = ?, address = ?, "
                            + "provider_message_id = ?, last_attempt_at = ?, completed_at = ?, last_error = null "
                            + "where delivery_id = ? and status in ('PENDING', 'RETRYING', 'CANCELLED')",
                    sent, sent.size(), (ps, s) -> {
                        ps.setInt(1, s.attempts());
                        ps.setString(2, StorableText.of(s.address()));
                        ps.setString(3, StorableText.of(s.providerMessageId()));
                        ps.setTimestamp(4, Timestamp.from(s.at()));
                        ps.setTimestamp(5, Timestamp.from(s.at()));
                        ps.setObject(6, s.delivery().deliveryId());
                    })[0];
            for (int i = 0; i < sent.size(); i++) {
                if (updated[i] == 0) {
                    continue;
                }
                Outcome.Sent s = sent.get(i);
                Delivery d = s.delivery();
                events.add(new DeliveryEventLog.Entry(d, new NotificationSentEvent(d.deliveryId(), d.leaveRequestId(),
                        d.channel(), d.recipientId(), s.attempts(), s.address(), s.providerMessageId(), s.at()),
                        s.at()));
                count(d, "sent");
                Timer.builder("ledger.notifications.delivery.latency")
                        .description("From the notification's registration to the provider's acceptance")
                        .tag("channel", d.channel().name())
                        .publishPercentiles(0.5, 0.99)
                        .register(meters)
                        .record(Duration.between(d.requestedAt(), s.at()));
            }
        }
        eventLog.appendAll(events);
        if (!failures.isEmpty()) {
            eventBus.publish(failures);
        }
    }

    /**
     * The recipients of these sends who were erased, their directory rows share-locked until this batch commits: an
     * erasure (which updates the row first) either committed before, and their addresses are recorded as
     * {@code [erased]}, or waits for this batch and then overwrites the addresses it wrote.
     */
    private Set<String> erasedRecipients(List<Outcome.Sent> sent) {
        String[] recipients = sent.stream().map(s -> s.delivery().recipientId()).distinct().sorted()
                .toArray(String[]::new);
        return new HashSet<>(jdbc.queryForList("select employee_id from (select employee_id, erased_at "
                + "from employee_directory where employee_id = any(?) order by employee_id for share) locked "
                + "where erased_at is not null", String.class, (Object) recipients));
    }

    private void gaveUp(Outcome.GaveUp g, List<DeliveryEventLog.Entry> events, List<EventMessage<?>> failures) {
        Delivery d = g.delivery();
        if (d.fallbackChannel() != null) {
            if (complete(d, "FAILED", g.attempts(), g.cause(), null, g.at())) {
                NotificationFailedEvent failed = new NotificationFailedEvent(d.deliveryId(), d.leaveRequestId(),
                        d.channel(), d.recipientId(), d.recipientRole(), d.kind(), g.attempts(), g.cause(),
                        d.fallbackChannel());
                events.add(new DeliveryEventLog.Entry(d, failed, g.at()));
                failures.add(GenericEventMessage.asEventMessage(failed).andMetaData(DeliveryEventLog.metadata(d)));
                count(d, "failed");
            }
            return;
        }
        if (complete(d, "DEAD_LETTERED", g.attempts(), g.cause(), null, g.at())) {
            java.util.UUID deadLetterId = deadLetters.deadLetter(d, g.attempts(), g.causeType(), g.cause());
            events.add(new DeliveryEventLog.Entry(d, new NotificationDeadLetteredEvent(d.deliveryId(),
                    d.leaveRequestId(), d.channel(), d.recipientId(), g.attempts(), deadLetterId, g.cause()), g.at()));
            count(d, "dead-lettered");
        }
    }

    private boolean complete(Delivery d, String status, int attempts, String error, String address,
                             java.time.Instant at) {
        return jdbc.update("update delivery set status = ?, attempts = greatest(attempts, ?), last_error = ?, "
                        + "address = coalesce(?, address), last_attempt_at = ?, completed_at = ? "
                        + "where delivery_id = ? and status in ('PENDING', 'RETRYING')",
                status, attempts, truncate(error), StorableText.of(address), attempts > 0 ? Timestamp.from(at) : null,
                Timestamp.from(at), d.deliveryId()) == 1;
    }

    private void count(Delivery d, String outcome) {
        Counter.builder("ledger.notifications.deliveries")
                .description("Delivery outcomes per channel")
                .tag("channel", d.channel().name())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** An error for {@code last_error}: at most 1,000 characters, as {@link StorableText} (it may quote the event). */
    private static String truncate(String error) {
        return StorableText.of(error == null || error.length() <= 1000 ? error : error.substring(0, 1000) + "…");
    }
}
