package com.leaveledger.query.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.junit.jupiter.api.Test;

class AllPartitionsMessageSourceTest {

    private static final TopicPartition P0 = new TopicPartition("events", 0);
    private static final TopicPartition P1 = new TopicPartition("events", 1);

    private final AllPartitionsMessageSource source = new AllPartitionsMessageSource(null, () -> List.of(P0, P1));

    @Test
    void aPartitionMissingFromATokenMakesTheLowerBoundSkipItsFirstRecord() {
        KafkaTrackingToken seenP1 = KafkaTrackingToken.newInstance(Map.of(P0, 4L, P1, 0L));
        KafkaTrackingToken neverSawP1 = KafkaTrackingToken.newInstance(Map.of(P0, 2L));

        // axon-kafka reads the missing partition as offset 0 "handled": a stream opened here starts P1 at offset 1
        assertThat(((KafkaTrackingToken) seenP1.lowerBound(neverSawP1)).getPositions()).containsEntry(P1, 0L);
    }

    @Test
    void completeTokensNameEveryPartitionSoTheLowerBoundIsExact() {
        KafkaTrackingToken seenP1 = source.complete(KafkaTrackingToken.newInstance(Map.of(P0, 4L, P1, 0L)));
        KafkaTrackingToken neverSawP1 = source.complete(KafkaTrackingToken.newInstance(Map.of(P0, 2L)));

        assertThat(neverSawP1.getPositions()).isEqualTo(Map.of(P0, 2L, P1, -1L));
        assertThat(((KafkaTrackingToken) seenP1.lowerBound(neverSawP1)).getPositions())
                .isEqualTo(Map.of(P0, 2L, P1, -1L));
        assertThat(((KafkaTrackingToken) source.createTailToken()).getPositions())
                .isEqualTo(Map.of(P0, -1L, P1, -1L));
        assertThat(seenP1.covers(neverSawP1)).isTrue();
        assertThat(neverSawP1.covers(seenP1)).isFalse();
    }
}
