package com.leaveledger.notification.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.notification.NotificationProperties;
import com.leaveledger.notification.delivery.DeliveryDispatcher;
import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The saga's and the deliveries' dead letters (docs/adr/0021): stored, published to the DLQ topic with their cause
 * ({@code ledger.notifications.dead-letters.*}), retried or dismissed by an engineer. The Kafka-fed processors' dead
 * letters are Axon's ({@link ProcessorDeadLetterConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, Serializer serializer, MeterRegistry meters) {
        return new DeadLetterStore(jdbc, serializer, meters);
    }

    @Bean(destroyMethod = "close")
    Producer<String, String> deadLetterProducer(KafkaProperties kafka) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-saga-dlq");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                            Producer<String, String> deadLetterProducer, ObjectMapper json,
                                            NotificationProperties properties, DeadLetterStore store,
                                            MeterRegistry meters) {
        DeadLetterPublisher publisher = new DeadLetterPublisher(jdbc, new TransactionTemplate(transactionManager),
                deadLetterProducer, json, properties.deadLetters().topic(),
                properties.deadLetters().publishInterval(), store);
        Gauge.builder("ledger.notifications.dead_letters.open", publisher, DeadLetterPublisher::open)
                .description("Dead letters neither retried nor dismissed").register(meters);
        return publisher;
    }

    /** Retrying a dead letter the saga failed on hands the event to the saga's manager again, in a unit of work. */
    @Bean
    DeadLetterService deadLetterService(DeadLetterStore deadLetters, DeliveryStore deliveries,
                                        DeliveryDispatcher dispatcher, EventBus eventBus,
                                        TransactionManager transactions, Serializer serializer,
                                        EventProcessingConfiguration processing,
                                        CorrelationDataProvider ledgerCorrelationDataProvider, MeterRegistry meters,
                                        @Qualifier("notificationInstanceId") String instanceId,
                                        NotificationProperties properties) {
        Consumer<EventMessage<?>> sagaRedelivery = event -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
            unitOfWork.registerCorrelationDataProvider(ledgerCorrelationDataProvider);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                processing.sagaConfiguration(LeaveNotificationSaga.class).manager()
                        .handle(event, Segment.ROOT_SEGMENT);
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("the saga failed on the event again", result.exceptionResult());
            }
        };
        return new DeadLetterService(deadLetters, deliveries, dispatcher, eventBus, transactions, serializer,
                sagaRedelivery, meters, instanceId, properties.lease());
    }
}
