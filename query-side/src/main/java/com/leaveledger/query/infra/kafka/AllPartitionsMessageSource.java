package com.leaveledger.query.infra.kafka;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * axon-kafka's {@link StreamableKafkaMessageSource} whose tokens always name every partition of the topic, with
 * {@code -1} for "nothing read yet".
 * <p>
 * Why: {@code KafkaTrackingToken} reads a partition missing from a token inconsistently — {@code covers} as "nothing
 * read", {@code lowerBound} as "offset 0 read". Wherever Axon takes the lower bound of two tokens (a processor opening
 * one stream for several segments, a {@code ReplayToken}), a token without partition {@code p} next to one with
 * {@code p} would start {@code p} at offset 1 and skip its first record. With every partition present the bounds are
 * exact. The tail token (where a new processor starts) is such a complete token too, used instead of Axon's default
 * {@code ReplayToken} initial token. See ADR 0010.
 */
public class AllPartitionsMessageSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableKafkaMessageSource<?, ?> delegate;
    private final Supplier<List<TopicPartition>> partitions;

    public AllPartitionsMessageSource(StreamableKafkaMessageSource<?, ?> delegate,
                                      Supplier<List<TopicPartition>> partitions) {
        this.delegate = delegate;
        this.partitions = partitions;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return delegate.openStream(complete(KafkaTrackingToken.from(trackingToken)));
    }

    @Override
    public TrackingToken createTailToken() {
        return complete(KafkaTrackingToken.emptyToken());
    }

    @Override
    public TrackingToken createHeadToken() {
        return complete(KafkaTrackingToken.from(delegate.createHeadToken()));
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return complete(KafkaTrackingToken.from(delegate.createTokenAt(dateTime)));
    }

    KafkaTrackingToken complete(KafkaTrackingToken token) {
        Map<TopicPartition, Long> positions = new HashMap<>(token.getPositions());
        for (TopicPartition partition : partitions.get()) {
            positions.putIfAbsent(partition, -1L);
        }
        return KafkaTrackingToken.newInstance(positions);
    }

    /** The partitions of a topic, from the Kafka admin client. */
    public static Supplier<List<TopicPartition>> partitionsOf(org.apache.kafka.clients.admin.Admin admin, String topic) {
        return () -> {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                        .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while describing " + topic, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot describe topic " + topic + ": " + e.getMessage(), e);
            }
        };
    }
}
