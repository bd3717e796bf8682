package com.leaveledger.notification;

import com.leaveledger.notification.deadletter.DeadLetterStore;
import com.leaveledger.notification.deadletter.SagaEventDeadLetterer;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.processing.ProcessorRetryMonitor;
import com.leaveledger.support.processing.SegmentBalancer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The three processors, all tracking processors, and their segments spread over the running instances. Here rather
 * than in a feature package because they tie the packages together: the saga's processor dead-letters into
 * {@code deadletter}, the directory's projection lives in {@code directory}.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessingConfiguration {

    private static final List<String> PROCESSORS = List.of(LeaveEventInbox.PROCESSING_GROUP,
            EmployeeDirectoryProjection.PROCESSING_GROUP, LeaveNotificationSaga.PROCESSING_GROUP);

    /**
     * A tracking processor blocks on its stream and handles events the moment they arrive, where a pooled one polls
     * an idle stream every 500 ms (and its work-package queues pause it under load, see docs/adr/0010).
     * {@code notification-inbox} and {@code employee-directory} read Kafka with one segment each;
     * {@code notification-saga} reads this service's event store with {@code ledger.notifications.saga-segments}
     * segments (one thread each). All read their whole source on a first run (Axon's default would start at the
     * head), except the inbox with {@code inbox-start: head}.
     * <p>
     * Errors: the Kafka-fed processors dead-letter an event they cannot handle under its employee, in Axon's sequenced
     * queue ({@link com.leaveledger.notification.deadletter.ProcessorDeadLetterConfiguration}), and retry a batch that
     * failed on database trouble (docs/adr/0031); the saga dead-letters an event it
     * cannot handle (docs/adr/0021). How long each has been retrying the same batch is a gauge
     * ({@link ProcessorRetryMonitor}).
     */
    @Bean
    ConfigurerModule notificationProcessing(
            NotificationProperties properties, ProcessorProperties processors, DeadLetterStore deadLetters,
            ProcessorRetryMonitor retries,
            ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> streamableKafkaMessageSource) {
        long claimMillis = processors.tokenClaimInterval().toMillis();
        boolean fromHead = properties.inboxFromHead();
        // Looked up when the processors are built: the source needs Axon's configuration itself.
        Function<org.axonframework.config.Configuration, StreamableMessageSource<TrackedEventMessage<?>>> kafka =
                c -> streamableKafkaMessageSource.getObject();
        int kafkaBatch = properties.kafkaBatchSize();
        int sagaSegments = properties.sagaSegments();
        return configurer -> configurer.eventProcessing()
                    .registerTrackingEventProcessor(LeaveEventInbox.PROCESSING_GROUP, kafka,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(kafkaBatch)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andInitialTrackingToken(source -> fromHead
                                            ? source.createHeadToken() : source.createTailToken())
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(LeaveEventInbox.PROCESSING_GROUP)))
                    .registerTrackingEventProcessor(EmployeeDirectoryProjection.PROCESSING_GROUP, kafka,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(kafkaBatch)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(EmployeeDirectoryProjection.PROCESSING_GROUP)))
                    .registerTrackingEventProcessor(LeaveNotificationSaga.PROCESSING_GROUP,
                            org.axonframework.config.Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forParallelProcessing(sagaSegments)
                                    .andInitialSegmentsCount(sagaSegments)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andBatchSize(properties.sagaBatchSize())
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(LeaveNotificationSaga.PROCESSING_GROUP)))
                    .registerListenerInvocationErrorHandler(LeaveNotificationSaga.PROCESSING_GROUP,
                            c -> new SagaEventDeadLetterer(deadLetters, LeaveNotificationSaga.PROCESSING_GROUP));
    }

    /**
     * Spreads the three processors' segments over the running instances (docs/adr/0030): each processor has a thread
     * per segment, so one instance can take everything; this releases what an instance holds beyond its share.
     */
    @Bean
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, @Qualifier("notificationInstanceId") String instanceId,
                                    EventProcessingConfiguration processing, ProcessorProperties processors) {
        return new SegmentBalancer(jdbc, instanceId, () -> {
            Map<String, StreamingEventProcessor> running = new LinkedHashMap<>();
            for (String name : PROCESSORS) {
                processing.eventProcessor(name, StreamingEventProcessor.class)
                        .filter(StreamingEventProcessor::isRunning)
                        .ifPresent(processor -> running.put(name, processor));
            }
            return running;
        }, processors.balancing());
    }
}
