package com.leaveledger.query.projection;

import com.leaveledger.query.infra.kafka.AllPartitionsMessageSource;
import com.leaveledger.query.infra.kafka.SharedEventSource;
import com.leaveledger.support.processing.AxonJdbcTables;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.processing.ProcessorRetryMonitor;
import com.leaveledger.support.processing.SegmentBalancer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live projections: one tracking event processor per projection, named after it, reading the Kafka topic, its
 * token stored in the same transaction as the batch's read-model rows, events sequenced by employee, an event the
 * projection cannot handle in its sequenced dead-letter queue ({@code ledger.projections.*}; ADR 0010).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectionProperties.class)
public class ProjectionConfiguration {

    @Bean
    VisibilityLag visibilityLag(MeterRegistry registry) {
        return new VisibilityLag(registry);
    }

    /**
     * What the live projections read: one Kafka reader for all of them ({@link SharedEventSource}, ADR 0034),
     * or with {@code ledger.projections.shared-source=false} a Kafka reader per processor segment, as replays do.
     */
    @Bean(destroyMethod = "")
    StreamableMessageSource<TrackedEventMessage<?>> liveProjectionSource(
            AllPartitionsMessageSource source, MeterRegistry registry, ProjectionProperties properties) {
        if (!properties.sharedSource()) {
            return source;
        }
        SharedEventSource sharedSource = new SharedEventSource(source, properties.sharedWindow());
        FunctionCounter.builder("ledger.projection.source.own-readers", sharedSource,
                        SharedEventSource::ownStreamsOpened)
                .description("Kafka readers opened by live projection streams that could not read the shared window")
                .register(registry);
        return sharedSource;
    }

    /**
     * One tracking event processor per projection, reading Kafka, with the projection's live instance as its
     * handler, employee sequencing, Axon's JDBC dead-letter queue and the visibility-lag recorder. A tracking processor,
     * not a pooled one: see ADR 0010 for the pooled processor's 100 ms / 500 ms pauses on this source.
     */
    @Bean
    ConfigurerModule projectionProcessing(ProjectionCatalog catalog, ProjectionProperties properties,
                                          @Qualifier("liveProjectionSource")
                                          StreamableMessageSource<TrackedEventMessage<?>> source, VisibilityLag lag,
                                          ProcessorRetryMonitor retries, ProcessorProperties processors) {
        long claimMillis = processors.tokenClaimInterval().toMillis();
        int maxSequences = properties.deadLetters().maxSequences();
        return configurer -> catalog.all().forEach(projection -> {
            String name = projection.name();
            configurer.eventProcessing()
                    .registerEventHandler(config -> catalog.live(name))
                    .registerTrackingEventProcessor(name, config -> source, config -> TrackingEventProcessorConfiguration
                            .forParallelProcessing(properties.segments())
                            .andInitialSegmentsCount(properties.segments())
                            .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                            .andBatchSize(properties.batchSize())
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                            .andEventTrackerStatusChangeListener(retries.listener(name)))
                    .registerSequencingPolicy(name, config -> new EmployeeSequencingPolicy())
                    .registerDeadLetterQueue(name, config -> deadLetterQueue(config, name, properties.deadLetters()))
                    .registerDeadLetterPolicy(name, config -> new DeadLetterPolicy())
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name, (config, builder) -> builder
                            .enableSequenceIdentifierCache()
                            .sequenceIdentifierCacheSize(maxSequences))
                    .registerHandlerInterceptor(name, config -> lag.interceptor(name));
        });
    }

    /**
     * A processing group's dead-letter queue in {@code dead_letter_entry}: live projections' and replays' alike. A
     * {@link com.leaveledger.query.infra.kafka.PublishedEventMessage} is stored as the tracked domain event it is and
     * read back as Axon's own.
     */
    public static JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(
            org.axonframework.config.Configuration config, String processingGroup,
            ProjectionProperties.DeadLetters bounds) {
        return AxonJdbcTables.deadLetterQueue(config, processingGroup, bounds.maxSequences(),
                bounds.maxSequenceSize());
    }

    /**
     * Spreads the live projections' segments over the running instances (ADR 0030): each processor has a thread per
     * segment, so one instance can take everything; this releases what an instance holds beyond its share.
     */
    @Bean
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, @Qualifier("queryInstanceId") String instanceId,
                                    ProjectionCatalog catalog, EventProcessingConfiguration processing,
                                    ProcessorProperties processors) {
        return new SegmentBalancer(jdbc, instanceId, () -> {
            Map<String, StreamingEventProcessor> live = new LinkedHashMap<>();
            catalog.all().forEach(projection -> processing.eventProcessor(projection.name(),
                    StreamingEventProcessor.class).filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> live.put(projection.name(), processor)));
            return live;
        }, processors.balancing());
    }
}
