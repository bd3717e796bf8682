package com.leaveledger.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.query.replay.ProcessorPositions.Position;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PositionTest {

    @Test
    void aProcessorIsAsFarAsItsSlowestSegmentInEachPartition() {
        Position position = new Position(Map.of(
                0, Map.of(0, 10L, 1, 4L),
                1, Map.of(0, 7L, 1, 9L, 2, 3L)), Map.of());

        assertThat(position.lowerBound()).isEqualTo(Map.of(0, 7L, 1, 4L, 2, -1L));
        assertThat(position.upperBound()).isEqualTo(Map.of(0, 10L, 1, 9L, 2, 3L));
        assertThat(position.consumed()).isEqualTo(8 + 5);
    }

    @Test
    void lagCountsRecordsNotPassedByEverySegment() {
        Position position = new Position(Map.of(0, Map.of(0, 9L, 1, -1L)), Map.of());

        assertThat(position.lag(Map.of(0, 10L, 1, 0L, 2, 4L))).isEqualTo(4);
        assertThat(position.lag(Map.of(0, 12L, 1, 1L))).isEqualTo(3);
    }

    @Test
    void coversWhenPastEverythingTheOtherHandledInEveryPartition() {
        Position rebuild = new Position(Map.of(0, Map.of(0, 9L, 1, 5L), 1, Map.of(0, 9L, 1, 6L)), Map.of());
        Position live = new Position(Map.of(0, Map.of(0, 9L, 1, 5L), 1, Map.of(0, 8L, 1, 5L)), Map.of());
        Position ahead = new Position(Map.of(0, Map.of(0, 9L, 1, 5L, 2, 0L)), Map.of());

        assertThat(rebuild.covers(live)).isTrue();
        assertThat(rebuild.covers(ahead)).isFalse();
        assertThat(rebuild.covers(new Position(Map.of(), Map.of()))).isTrue();
    }
}
