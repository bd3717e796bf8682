package com.leaveledger.support.infra;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.Buffer;

/**
 * The buffer between a Kafka poll and a streaming processor, handing records over in the order they were polled.
 * <p>
 * axon-kafka's default {@code SortedKafkaMessageBuffer} re-sorts records by record timestamp across partitions. But
 * each record's {@code KafkaTrackingToken} is computed in poll order and is cumulative over all partitions, so after
 * re-sorting a record can arrive with a token that already covers an earlier-polled record still in the buffer: a
 * pooled streaming processor skips that record at once, a tracking processor stores a token past it and skips it
 * after the next restart (the notification saga lost 88% of a benchmark's registrations that way, docs/notifications.md). Handing records over in poll order keeps tokens monotonic: nothing is skipped. Order within
 * a partition — all that matters, since one employee's events share a partition — is the same either way. See
 * docs/adr/0010-query-side-consumption.md. Used by the query side and the notification saga.
 */
public class ArrivalOrderBuffer<E> implements Buffer<E> {

    private final ArrayDeque<E> queue = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final int capacity;
    private final UnaryOperator<E> onPut;

    public ArrivalOrderBuffer(int capacity) {
        this(capacity, UnaryOperator.identity());
    }

    /** @param onPut applied to every element as it is put (e.g. the query side's {@code PublishedEventMessage::stamp}) */
    public ArrivalOrderBuffer(int capacity, UnaryOperator<E> onPut) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        this.onPut = onPut;
    }

    @Override
    public void put(E element) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            add(element);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putAll(Collection<E> elements) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            for (E element : elements) {
                add(element);
            }
        } finally {
            lock.unlock();
        }
    }

    private void add(E element) throws InterruptedException {
        if (element == null) {
            throw new IllegalArgumentException("element may not be null");
        }
        while (queue.size() >= capacity) {
            notFull.await();
        }
        queue.addLast(onPut.apply(element));
        notEmpty.signal();
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                throwIfFailed();
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (queue.isEmpty()) {
                throwIfFailed();
                notEmpty.await();
            }
            return remove();
        } finally {
            lock.unlock();
        }
    }

    private E remove() {
        E element = queue.pollFirst();
        notFull.signal();
        return element;
    }

    @Override
    public E peek() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                throwIfFailed();
                return null;
            }
            return queue.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    @Override
    public int remainingCapacity() {
        return capacity - size();
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            queue.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setException(RuntimeException exception) {
        failure.set(exception);
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void throwIfFailed() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }
}
