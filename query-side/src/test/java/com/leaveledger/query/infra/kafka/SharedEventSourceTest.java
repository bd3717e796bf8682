package com.leaveledger.query.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SharedEventSource} against an in-memory topic that behaves like axon-kafka's source: records in poll order,
 * tokens cumulative from the stream's start, records the start covers skipped.
 */
class SharedEventSourceTest {

    private static final String TOPIC = "t";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final InMemoryTopic topic = new InMemoryTopic();
    private final List<BlockingStream<TrackedEventMessage<?>>> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        opened.forEach(BlockingStream::close);
    }

    @Test
    void streamsAtDifferentPositionsGetWhatTheirOwnKafkaReaderWouldHaveGiven() throws InterruptedException {
        SharedEventSource source = new SharedEventSource(topic, token -> token, 64);
        KafkaTrackingToken start = tail();
        KafkaTrackingToken afterFirstOfP1 = position(-1, 0);
        BlockingStream<TrackedEventMessage<?>> fromTail = open(source, start);
        BlockingStream<TrackedEventMessage<?>> fromP1 = open(source, afterFirstOfP1);

        topic.append(P0, "a0", P1, "b0", P0, "a1", P1, "b1", P1, "b2");

        List<Read> tailReads = read(fromTail, 5);
        List<Read> p1Reads = read(fromP1, 4);

        assertThat(topic.streamsOpened.get()).as("the hub's reader only").isEqualTo(1);
        assertThat(source.ownStreamsOpened()).isZero();
        assertThat(tailReads).containsExactlyElementsOf(alone(start, 5));
        assertThat(p1Reads).containsExactlyElementsOf(alone(afterFirstOfP1, 4));
    }

    @Test
    void aStreamThatFallsBehindTheWindowReadsAloneAndComesBack() throws InterruptedException {
        SharedEventSource source = new SharedEventSource(topic, token -> token, 4);
        BlockingStream<TrackedEventMessage<?>> quick = open(source, tail());
        BlockingStream<TrackedEventMessage<?>> slow = open(source, tail());

        for (int i = 0; i < 12; i++) {
            topic.append(i % 2 == 0 ? P0 : P1, "e" + i);
            read(quick, 1);
        }
        List<Read> slowReads = read(slow, 12);

        assertThat(slowReads).containsExactlyElementsOf(alone(tail(), 12));
        assertThat(source.ownStreamsOpened()).as("the slow stream read Kafka itself once").isEqualTo(1);
        assertThat(slow.hasNextAvailable()).isFalse();
        assertThat(topic.openStreams.get()).as("caught up, it closed its own reader again").isEqualTo(1);

        topic.append(P1, "e12");
        assertThat(read(slow, 1)).extracting(Read::payload).containsExactly("e12");
        assertThat(read(quick, 1)).extracting(Read::payload).containsExactly("e12");
        assertThat(source.ownStreamsOpened()).isEqualTo(1);
    }

    @Test
    void aStreamOpenedBehindTheWindowReadsAloneFromItsPosition() throws InterruptedException {
        SharedEventSource source = new SharedEventSource(topic, token -> token, 8);
        topic.append(P0, "a0", P0, "a1", P1, "b0");
        BlockingStream<TrackedEventMessage<?>> ahead = open(source, position(1, 0));
        topic.append(P0, "a2");
        assertThat(read(ahead, 1)).extracting(Read::payload).containsExactly("a2");

        BlockingStream<TrackedEventMessage<?>> behind = open(source, position(0, -1));

        assertThat(read(behind, 2)).containsExactlyElementsOf(alone(position(0, -1), 2));
        assertThat(source.ownStreamsOpened()).isEqualTo(1);
    }

    @Test
    void aFailingReaderFailsEveryStreamOfTheWindow() {
        SharedEventSource source = new SharedEventSource(topic, token -> token, 8);
        BlockingStream<TrackedEventMessage<?>> stream = open(source, tail());

        topic.fail(new IllegalStateException("broker gone"));

        assertThatThrownBy(() -> stream.hasNextAvailable(5, TimeUnit.SECONDS))
                .hasMessageContaining("broker gone");
    }

    private BlockingStream<TrackedEventMessage<?>> open(SharedEventSource source, KafkaTrackingToken token) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(token);
        opened.add(stream);
        return stream;
    }

    /** What a reader of its own, started at {@code start}, hands out first. */
    private List<Read> alone(KafkaTrackingToken start, int count) throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> own = topic.openStream(start);
        try {
            return read(own, count);
        } finally {
            own.close();
        }
    }

    private static List<Read> read(BlockingStream<TrackedEventMessage<?>> stream, int count)
            throws InterruptedException {
        List<Read> reads = new ArrayList<>();
        while (reads.size() < count) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("message %d of %d", reads.size() + 1, count)
                    .isTrue();
            TrackedEventMessage<?> peeked = stream.peek().orElseThrow();
            TrackedEventMessage<?> message = stream.nextAvailable();
            assertThat(message.trackingToken()).isEqualTo(peeked.trackingToken());
            reads.add(new Read((String) message.getPayload(), message.trackingToken()));
        }
        return reads;
    }

    private static KafkaTrackingToken tail() {
        return position(-1, -1);
    }

    private static KafkaTrackingToken position(long p0, long p1) {
        return KafkaTrackingToken.newInstance(Map.of(P0, p0, P1, p1));
    }

    record Read(String payload, TrackingToken token) {
    }

    /** Records in poll order; every stream reads all of them, skipping what its start covers. */
    static final class InMemoryTopic implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition appended = lock.newCondition();
        private final List<Object[]> records = new ArrayList<>();
        private final Map<TopicPartition, Long> ends = new HashMap<>();
        private final AtomicInteger streamsOpened = new AtomicInteger();
        private final AtomicInteger openStreams = new AtomicInteger();
        private RuntimeException failure;

        void append(Object... partitionsAndPayloads) {
            lock.lock();
            try {
                for (int i = 0; i < partitionsAndPayloads.length; i += 2) {
                    TopicPartition partition = (TopicPartition) partitionsAndPayloads[i];
                    long offset = ends.merge(partition, 1L, Long::sum) - 1;
                    records.add(new Object[] {partition, offset, partitionsAndPayloads[i + 1]});
                }
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void fail(RuntimeException cause) {
            lock.lock();
            try {
                failure = cause;
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            streamsOpened.incrementAndGet();
            openStreams.incrementAndGet();
            KafkaTrackingToken start = KafkaTrackingToken.from(trackingToken);
            return new BlockingStream<>() {
                private KafkaTrackingToken position = start;
                private int index;
                private boolean closed;

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(next());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    long left = unit.toNanos(timeout);
                    lock.lock();
                    try {
                        while (next() == null && left > 0) {
                            left = appended.awaitNanos(left);
                        }
                        return next() != null;
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                    assertThat(hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
                    TrackedEventMessage<?> message = next();
                    position = KafkaTrackingToken.from(message.trackingToken());
                    index++;
                    return message;
                }

                private TrackedEventMessage<?> next() {
                    lock.lock();
                    try {
                        if (failure != null) {
                            throw failure;
                        }
                        while (index < records.size()) {
                            Object[] record = records.get(index);
                            TopicPartition partition = (TopicPartition) record[0];
                            long offset = (Long) record[1];
                            if (start.getPositions().getOrDefault(partition, -1L) >= offset) {
                                index++;
                                continue;
                            }
                            return new GenericTrackedEventMessage<>(
                                    position.advancedTo(partition.topic(), partition.partition(), offset),
                                    GenericEventMessage.asEventMessage(record[2]));
                        }
                        return null;
                    } finally {
                        lock.unlock();
                    }
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        openStreams.decrementAndGet();
                    }
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return tail();
        }
    }
}
