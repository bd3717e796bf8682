package com.leaveledger.notification;

import java.util.Collection;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;

/**
 * Hands Kafka records to the event processor in the order they were fetched. axon-kafka gives every record a
 * tracking token that includes all records fetched before it, but its default {@code SortedKafkaMessageBuffer}
 * re-sorts records by timestamp across partitions: a record can then be delivered after one whose token already
 * covers it, and a pooled processor skips it as "already processed" — a lost event (the benchmark lost ~90 % of
 * the registrations that way). In fetch order the tokens only ever grow, so nothing is skipped; the order within a
 * partition, which is the order of one employee's events, is kept either way. A fetch error is rethrown to the
 * processor once the records before it are taken, as axon-kafka's buffer does.
 */
public class FetchOrderKafkaBuffer implements Buffer<KafkaEventMessage> {

    private final LinkedBlockingQueue<KafkaEventMessage> queue;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    public FetchOrderKafkaBuffer(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public void put(KafkaEventMessage message) throws InterruptedException {
        queue.put(message);
    }

    @Override
    public void putAll(Collection<KafkaEventMessage> messages) throws InterruptedException {
        for (KafkaEventMessage message : messages) {
            queue.put(message);
        }
    }

    @Override
    public KafkaEventMessage poll(long timeout, TimeUnit unit) throws InterruptedException {
        KafkaEventMessage message = queue.poll(timeout, unit);
        if (message == null) {
            throwIfFailed();
        }
        return message;
    }

    @Override
    public KafkaEventMessage take() throws InterruptedException {
        KafkaEventMessage message;
        while ((message = queue.poll(100, TimeUnit.MILLISECONDS)) == null) {
            throwIfFailed();
        }
        return message;
    }

    @Override
    public KafkaEventMessage peek() {
        KafkaEventMessage message = queue.peek();
        if (message == null) {
            throwIfFailed();
        }
        return message;
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    @Override
    public void clear() {
        queue.clear();
    }

    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
    }

    private void throwIfFailed() {
        RuntimeException exception = failure.get();
        if (exception != null) {
            throw exception;
        }
    }
}
