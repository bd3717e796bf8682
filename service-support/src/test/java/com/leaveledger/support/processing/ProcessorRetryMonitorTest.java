package com.leaveledger.support.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.EventTrackerStatusChangeListener;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessorRetryMonitorTest {

    private final Map<Integer, EventTrackerStatus> statuses = new HashMap<>();
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Clock clock = mock(Clock.class);
    private long now = 1_000_000;
    private final ProcessorRetryMonitor monitor = new ProcessorRetryMonitor(
            name -> name.equals("directory") ? Optional.of(processor) : Optional.empty(), registry, clock);

    @BeforeEach
    void processorReportsItsStatusesAndTimeStandsStillUntilMoved() {
        when(processor.processingStatus()).thenAnswer(invocation -> Map.copyOf(statuses));
        when(clock.millis()).thenAnswer(invocation -> now);
    }

    @Test
    void countsFromTheFirstFailureOfASegmentUntilABatchSucceeds() {
        EventTrackerStatusChangeListener listener = monitor.listener("directory");
        statuses.put(0, status(false));
        statuses.put(1, status(false));
        assertThat(gauge()).isZero();

        failing(listener, 1);
        now += 30_000;
        failing(listener, 1);
        now += 45_000;
        assertThat(gauge()).as("since the first failure, not the last retry").isEqualTo(75.0);

        statuses.put(1, status(false));
        assertThat(gauge()).as("the live status counts, even before the listener hears of it").isZero();
    }

    @Test
    void aSegmentReleasedOrAProcessorNotRunningHereCountsZero() {
        EventTrackerStatusChangeListener listener = monitor.listener("directory");
        statuses.put(0, status(false));
        failing(listener, 3);
        now += 10_000;
        assertThat(gauge()).isEqualTo(10.0);

        statuses.remove(3);
        assertThat(gauge()).isZero();
        statuses.put(3, status(true));
        now += 5_000;
        assertThat(gauge()).as("claimed again and failing: counted afresh").isZero();

        assertThat(monitor.retryingSeconds("elsewhere")).isZero();
    }

    private void failing(EventTrackerStatusChangeListener listener, int segment) {
        EventTrackerStatus failed = status(true);
        statuses.put(segment, failed);
        listener.onEventTrackerStatusChange(Map.of(segment, failed));
    }

    private double gauge() {
        return registry.get("ledger.processor.retrying").tag("processor", "directory").gauge().value();
    }

    private static EventTrackerStatus status(boolean error) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isErrorState()).thenReturn(error);
        return status;
    }
}
