package com.leaveledger.query.infra.kafka;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka reader for all the live projections of an instance, instead of one per processor (ADR 0034).
 * <p>
 * Each live projection is its own tracking processor (own token, dead letters, replay), and axon-kafka gives every
 * stream a Kafka consumer of its own: four projections polled the topic and converted every record four times, and
 * each deserialized every payload again. Here one reader (the <em>hub</em>) reads the topic once into a window of
 * recent messages, and every stream opened at a position inside that window reads from it, with tokens of its own:
 * a message's token is the stream's position advanced to that message's record, exactly what a stream of its own
 * would have given. Records the stream's position already covers are skipped, as Kafka would skip them.
 * <p>
 * A stream reads Kafka itself (through the delegate) when it cannot use the window: opened behind the oldest message
 * still kept or more than {@code capacity} records ahead of the hub, or fallen more than {@code capacity} messages
 * behind the hub. Once its own stream has
 * nothing more to give and its position is inside the window again, it closes its consumer and joins the window.
 * The window keeps only what some member has not read yet (at most {@code capacity} messages), so it holds about a
 * batch when the projections keep up. The hub starts with the first stream that joins and stops when the last leaves;
 * a failure of the hub is thrown to every member, whose processor then reopens its stream as after any read error.
 * <p>
 * axon-kafka converts a record into at most one message, so a message and its record (partition, offset) are one.
 */
public class SharedEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(SharedEventSource.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final UnaryOperator<KafkaTrackingToken> complete;
    private final int capacity;
    private final Object hubLock = new Object();
    private Hub hub;
    private final AtomicLong ownStreamsOpened = new AtomicLong();

    /**
     * @param delegate the source a stream falls back to, and the hub reads
     * @param complete turns a token into one that names every partition (see {@link AllPartitionsMessageSource})
     * @param capacity how many messages the fastest member may be ahead of the slowest before the slowest reads Kafka
     *                 itself
     */
    public SharedEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate,
                             UnaryOperator<KafkaTrackingToken> complete, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.delegate = delegate;
        this.complete = complete;
        this.capacity = capacity;
    }

    public SharedEventSource(AllPartitionsMessageSource delegate, int capacity) {
        this(delegate, delegate::complete, capacity);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        SharedStream stream = new SharedStream(complete.apply(KafkaTrackingToken.from(trackingToken)));
        stream.joinOrReadAlone();
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    /** How many times a stream has opened a Kafka reader of its own (at its start or after falling behind). */
    public long ownStreamsOpened() {
        return ownStreamsOpened.get();
    }

    /** The hub to read from at {@code position}, or null when the window does not reach it (creates a hub if none). */
    private Hub join(SharedStream member) {
        synchronized (hubLock) {
            if (hub == null || !hub.isRunning()) {
                hub = new Hub(member.position);
                hub.start();
            }
            return hub.admit(member) ? hub : null;
        }
    }

    private void leave(Hub left, SharedStream member) {
        synchronized (hubLock) {
            if (left.dismiss(member) && hub == left) {
                left.stop();
                hub = null;
            }
        }
    }

    private record Entry(TrackedEventMessage<?> message, TopicPartition partition, long offset) {
    }

    /** Reads the delegate from a position into the window; admits members whose position lies inside it. */
    private final class Hub implements Runnable {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        private final Entry[] window = new Entry[capacity];
        private final List<SharedStream> members = new ArrayList<>();
        private final Thread thread;
        /** Sequence number of the next message; messages {@code [oldest, next)} are in the window. */
        private long next;
        private long oldest;
        /** Position before the oldest message kept, and after the newest. */
        private KafkaTrackingToken windowStart;
        private KafkaTrackingToken head;
        private volatile boolean running = true;
        private RuntimeException failure;

        Hub(KafkaTrackingToken start) {
            this.windowStart = start;
            this.head = start;
            this.thread = new Thread(this, "shared-event-source");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        boolean isRunning() {
            return running;
        }

        /** Ends the hub within its 100 ms poll (not by interruption: axon-kafka's stream logs that as a warning). */
        void stop() {
            running = false;
        }

        @Override
        public void run() {
            BlockingStream<TrackedEventMessage<?>> stream = null;
            List<TrackedEventMessage<?>> arrivals = new ArrayList<>();
            try {
                stream = delegate.openStream(windowStart);
                while (running) {
                    if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                        do {
                            arrivals.add(stream.nextAvailable());
                        } while (arrivals.size() < capacity && stream.hasNextAvailable());
                        append(arrivals);
                        arrivals.clear();
                    }
                }
                fail(new IllegalStateException("the shared event source was stopped"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(new IllegalStateException("the shared event source was interrupted"));
            } catch (RuntimeException e) {
                log.warn("The shared event source failed; its streams will reopen: {}", e.toString());
                fail(e);
            } finally {
                if (stream != null) {
                    stream.close();
                }
            }
        }

        private void fail(RuntimeException cause) {
            running = false;
            lock.lock();
            try {
                failure = cause;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void append(List<TrackedEventMessage<?>> arrivals) {
            lock.lock();
            try {
                for (TrackedEventMessage<?> message : arrivals) {
                    KafkaTrackingToken after = KafkaTrackingToken.from(message.trackingToken());
                    Map.Entry<TopicPartition, Long> record = advancedPartition(head, after);
                    if (record == null) {
                        // axon-kafka converts a record into at most one message; anything else cannot be shared
                        throw new IllegalStateException("two messages at one position: " + after);
                    }
                    head = after;
                    if (next - oldest == capacity) {
                        dropOldest();
                    }
                    window[slot(next)] = new Entry(message, record.getKey(), record.getValue());
                    next++;
                }
                release();
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** The window is full: members still at the oldest message read Kafka themselves from now on. */
        private void dropOldest() {
            for (SharedStream member : members) {
                if (member.cursor <= oldest) {
                    member.behind = true;
                }
            }
            members.removeIf(member -> member.behind);
            forget();
        }

        /** Forgets the messages every member has passed. */
        private void release() {
            long passed = next;
            for (SharedStream member : members) {
                passed = Math.min(passed, member.cursor);
            }
            while (oldest < passed) {
                forget();
            }
        }

        private void forget() {
            Entry entry = window[slot(oldest)];
            window[slot(oldest)] = null;
            windowStart = KafkaTrackingToken.from(entry.message().trackingToken());
            oldest++;
        }

        boolean admit(SharedStream member) {
            lock.lock();
            try {
                if (failure != null || !within(member.position)) {
                    return false;
                }
                member.cursor = oldest;
                member.behind = false;
                members.add(member);
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** True when no member is left. */
        boolean dismiss(SharedStream member) {
            lock.lock();
            try {
                members.remove(member);
                release();
                return members.isEmpty();
            } finally {
                lock.unlock();
            }
        }

        /**
         * Every record after {@code position} is in the window or yet to come, and not far off: windowStart ≤
         * position, and position is at most {@code capacity} records ahead of the hub (a stream far ahead would wait
         * for the hub to read what it has already handled).
         */
        private boolean within(KafkaTrackingToken position) {
            Map<TopicPartition, Long> at = position.getPositions();
            if (!at.keySet().equals(windowStart.getPositions().keySet())) {
                return false;
            }
            long ahead = 0;
            for (Map.Entry<TopicPartition, Long> start : windowStart.getPositions().entrySet()) {
                long offset = at.get(start.getKey());
                if (offset < start.getValue()) {
                    return false;
                }
                ahead += Math.max(0, offset - head.getPositions().get(start.getKey()));
            }
            return ahead <= capacity;
        }

        private int slot(long sequence) {
            return (int) (sequence % capacity);
        }
    }

    /** The partition whose position moved from {@code before} to {@code after}, with its new offset. */
    static Map.Entry<TopicPartition, Long> advancedPartition(KafkaTrackingToken before, KafkaTrackingToken after) {
        Map<TopicPartition, Long> old = before.getPositions();
        for (Map.Entry<TopicPartition, Long> position : after.getPositions().entrySet()) {
            if (!Objects.equals(old.get(position.getKey()), position.getValue())) {
                return position;
            }
        }
        return null;
    }

    /** A processor's stream: reads the hub's window while it can, Kafka itself otherwise. */
    private final class SharedStream implements BlockingStream<TrackedEventMessage<?>> {

        /** The token of the last message handed out, or the start. */
        private KafkaTrackingToken position;
        /** Set under the hub's lock. */
        private long cursor;
        private boolean behind;
        private Hub hub;
        private BlockingStream<TrackedEventMessage<?>> own;
        private TrackedEventMessage<?> pending;
        private long pendingSequence;
        private boolean closed;

        SharedStream(KafkaTrackingToken start) {
            this.position = start;
        }

        void joinOrReadAlone() {
            hub = join(this);
            if (hub == null) {
                readAlone();
            }
        }

        private void readAlone() {
            ownStreamsOpened.incrementAndGet();
            own = delegate.openStream(position);
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return Optional.ofNullable(nextWithin(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return nextWithin(unit.toNanos(timeout)) != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> message = nextWithin(Long.MAX_VALUE);
            while (message == null) {
                message = nextWithin(Long.MAX_VALUE);
            }
            if (own != null) {
                own.nextAvailable();
            } else {
                hub.lock.lock();
                try {
                    cursor = pendingSequence + 1;
                } finally {
                    hub.lock.unlock();
                }
            }
            pending = null;
            position = KafkaTrackingToken.from(message.trackingToken());
            return message;
        }

        /** The next message (not consumed), waiting at most {@code nanos}; null if none came. */
        private TrackedEventMessage<?> nextWithin(long nanos) throws InterruptedException {
            if (closed) {
                throw new IllegalStateException("stream closed");
            }
            if (pending != null) {
                return pending;
            }
            if (own != null) {
                if (own.hasNextAvailable()) {
                    return pending = own.peek().orElseThrow();
                }
                if (tryToJoin()) {
                    return nextWithin(nanos);
                }
                if (nanos > 0 && own.hasNextAvailable((int) Math.min(nanos, Integer.MAX_VALUE), TimeUnit.NANOSECONDS)) {
                    return pending = own.peek().orElseThrow();
                }
                return null;
            }
            long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
            hub.lock.lock();
            try {
                while (true) {
                    if (hub.failure != null) {
                        throw new IllegalStateException("the shared event source failed: " + hub.failure.getMessage(),
                                hub.failure);
                    }
                    if (behind) {
                        break;
                    }
                    while (cursor < hub.next) {
                        Entry entry = hub.window[hub.slot(cursor)];
                        if (position.getPositions().getOrDefault(entry.partition(), -1L) >= entry.offset()) {
                            cursor++;
                            continue;
                        }
                        pendingSequence = cursor;
                        return pending = entry.message().withTrackingToken(
                                position.advancedTo(entry.partition().topic(), entry.partition().partition(),
                                        entry.offset()));
                    }
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    hub.arrived.awaitNanos(left);
                }
            } finally {
                hub.lock.unlock();
            }
            // fell more than the window behind: read Kafka from here on, until caught up
            leave(hub, this);
            hub = null;
            readAlone();
            return nextWithin(nanos);
        }

        /** Reading alone and caught up with Kafka: back to the window if it covers our position. */
        private boolean tryToJoin() {
            Hub joined = join(this);
            if (joined == null) {
                return false;
            }
            own.close();
            own = null;
            hub = joined;
            return true;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (own != null) {
                own.close();
            }
            if (hub != null) {
                leave(hub, this);
            }
        }
    }
}
