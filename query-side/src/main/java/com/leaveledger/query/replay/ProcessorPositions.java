package com.leaveledger.query.replay;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a processor is on the topic, and how far behind. A processor's position is read from its tokens in
 * {@code token_entry} (one per segment, each mapping partition → last offset handled), overlaid with the
 * in-memory status of segments this instance runs (fresher: idle segments store their token only every few
 * seconds). The topic's end offsets come from the Kafka admin client.
 */
public class ProcessorPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Admin admin;
    private final String topic;

    public ProcessorPositions(JdbcTemplate jdbc, Serializer serializer, Admin admin, String topic) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.admin = admin;
        this.topic = topic;
    }

    /** Next offset of every partition of the topic (= records per partition, the topic is never compacted). */
    public Map<Integer, Long> endOffsets() {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> request = description.partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
            Map<Integer, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the topic's end offsets", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    /** The stored position of a processor, overlaid with the live status of the segments {@code local} runs. */
    public Position position(String processorName, Optional<? extends StreamingEventProcessor> local) {
        Map<Integer, Map<Integer, Long>> bySegment = new HashMap<>();
        Map<Integer, String> owners = new HashMap<>();
        jdbc.query("select segment, token, token_type, owner from token_entry where processor_name = ?", rs -> {
            int segment = rs.getInt("segment");
            owners.put(segment, rs.getString("owner"));
            byte[] token = rs.getBytes("token");
            String type = rs.getString("token_type");
            bySegment.put(segment, token == null || type == null ? Map.of() : offsets(deserialize(token, type)));
        }, processorName);
        local.ifPresent(processor -> processor.processingStatus().forEach((segment, status) -> {
            Map<Integer, Long> fresh = offsets(status.getTrackingToken());
            if (!fresh.isEmpty()) {
                bySegment.put(segment, fresh);
            }
        }));
        return new Position(bySegment, owners);
    }

    private TrackingToken deserialize(byte[] token, String type) {
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    private Map<Integer, Long> offsets(TrackingToken token) {
        TrackingToken unwrapped = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (!(unwrapped instanceof KafkaTrackingToken kafka)) {
            return Map.of();
        }
        return kafka.getPositions().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }

    /**
     * Per segment, the last offset handled in each partition (absent: nothing handled yet). The processor as a whole
     * is as far as its slowest segment in each partition (the lower bound).
     */
    public record Position(Map<Integer, Map<Integer, Long>> segments, Map<Integer, String> owners) {

        public boolean exists() {
            return !segments.isEmpty();
        }

        public Map<Integer, Long> lowerBound() {
            return bound(Math::min);
        }

        public Map<Integer, Long> upperBound() {
            return bound(Math::max);
        }

        private Map<Integer, Long> bound(BinaryOperator<Long> pick) {
            if (segments.isEmpty()) {
                return Map.of();
            }
            Map<Integer, Long> bound = new HashMap<>();
            Set<Integer> partitions = segments.values().stream()
                    .flatMap(m -> m.keySet().stream()).collect(Collectors.toSet());
            for (Integer partition : partitions) {
                Long value = null;
                for (Map<Integer, Long> offsets : segments.values()) {
                    long offset = offsets.getOrDefault(partition, -1L);
                    value = value == null ? offset : pick.apply(value, offset);
                }
                bound.put(partition, value);
            }
            return Collections.unmodifiableMap(bound);
        }

        /** Records of the topic every segment has passed. */
        public long consumed() {
            return lowerBound().values().stream().mapToLong(offset -> offset + 1).sum();
        }

        /** Records on the topic not yet passed by every segment. */
        public long lag(Map<Integer, Long> endOffsets) {
            Map<Integer, Long> lower = lowerBound();
            return endOffsets.entrySet().stream()
                    .mapToLong(e -> Math.max(0, e.getValue() - (lower.getOrDefault(e.getKey(), -1L) + 1)))
                    .sum();
        }

        /** True if this position has passed everything {@code other} has handled, in every partition. */
        public boolean covers(Position other) {
            Map<Integer, Long> mine = lowerBound();
            return other.upperBound().entrySet().stream()
                    .allMatch(e -> mine.getOrDefault(e.getKey(), -1L) >= e.getValue());
        }

        public Map<Integer, Long> offsets() {
            return lowerBound();
        }
    }
}
