package com.leaveledger.command.infra;

import com.leaveledger.support.processing.AsyncCommitTokenStore;
import com.leaveledger.support.processing.ProcessorProperties;
import java.util.Set;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox's way out: axon-kafka's publisher, a tracking processor over the event store that sends each committed
 * event to Kafka and stores its token only after Kafka acknowledged the batch ({@code ledger.publisher.*},
 * docs/adr/0005).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublisherProperties.class)
public class KafkaPublicationConfiguration {

    /** The processing group of axon-kafka's publisher (its default name). */
    public static final String PUBLISHER_GROUP = "__axon-kafka-event-publishing-group";

    /**
     * axon-kafka's publisher with one wait for Kafka's acknowledgements per batch instead of one per record
     * (docs/adr/0005): replaces the extension's own {@code KafkaPublisher} bean.
     */
    @Bean(destroyMethod = "shutDown")
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<String, byte[]> axonKafkaProducerFactory,
                                                  KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
                                                  TopicResolver topicResolver,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer,
                                                  PublisherProperties properties) {
        return new BatchAcknowledgedKafkaPublisher(axonKafkaProducerFactory, kafkaMessageConverter, topicResolver,
                eventSerializer, properties.ackTimeout());
    }

    /** Kafka records keyed by employee id; headers carry id, type, revision, timestamp and all metadata. */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer) {
        return DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(new EmployeeSequencingPolicy())
                .upcasterChain(new EventUpcasterChain())
                .build();
    }

    /**
     * The publisher is a tracking processor over the event store (the outbox): one segment by default (a thread per
     * segment; one employee's events stay in one segment), and a batch's token is stored only after Kafka
     * acknowledged every record of the batch. Not a pooled streaming processor: the event store's stream does not wake one up when events arrive, so
     * its coordinator polls every 500 ms once it has caught up (~300 ms from commit to Kafka); a tracking thread
     * blocks on the store's stream and is woken by the commit (docs/adr/0005). Threads = segments, or a segment
     * would stay unclaimed.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessing(PublisherProperties properties) {
        int segments = properties.segments();
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(PUBLISHER_GROUP, config -> new EmployeeSequencingPolicy())
                .registerTrackingEventProcessorConfiguration(PUBLISHER_GROUP, config -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize));
    }

    /**
     * The publisher's transactions write nothing but its position, so they commit without waiting for the disk: a
     * position lost in a PostgreSQL crash means its last batches are published again, which every consumer already
     * deduplicates (ADR 0005). Commands stay durable: their commits are untouched (docs/adr/0024).
     */
    @Bean
    static BeanPostProcessor asyncPublisherPositions(ObjectProvider<JdbcTemplate> jdbc,
                                                     ObjectProvider<ProcessorProperties> processors) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof TokenStore store && !(bean instanceof AsyncCommitTokenStore)
                        && processors.getObject().asyncPositionCommits()) {
                    return new AsyncCommitTokenStore(store, () -> AsyncCommitTokenStore.relaxing(jdbc.getObject()).run(),
                            Set.of(PUBLISHER_GROUP));
                }
                return bean;
            }
        };
    }
}
