package com.leaveledger.notification;

import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.support.processing.AsyncCommitTokenStore;
import com.leaveledger.support.processing.AxonJdbcTables;
import com.leaveledger.support.processing.EventConsumerConfiguration;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.web.openapi.LedgerOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every part of the notification saga shares: the event store's and the token store's tables, this instance's
 * name, correlation data and the API description; the settings ({@link NotificationProperties}); the JSON setup, the
 * clock and the log context come from service-support's {@link EventConsumerConfiguration}. The rest is configured
 * beside what it configures:
 * <ul>
 *     <li>{@link ProcessingConfiguration}: the three tracking processors and their balancing over instances;</li>
 *     <li>{@link com.leaveledger.notification.infra.kafka.KafkaConsumptionConfiguration}: reading the Kafka topic;</li>
 *     <li>{@link com.leaveledger.notification.saga.SagaConfiguration}: the saga, its store and its inbox;</li>
 *     <li>{@link com.leaveledger.notification.directory.DirectoryConfiguration}: the employee directory;</li>
 *     <li>{@link com.leaveledger.notification.delivery.DeliveryConfiguration},
 *     {@link com.leaveledger.notification.delivery.ChannelConfiguration} and
 *     {@link com.leaveledger.notification.delivery.ResilienceConfiguration}: deliveries, providers, resilience;</li>
 *     <li>{@link com.leaveledger.notification.deadletter.DeadLetterConfiguration} and
 *     {@link com.leaveledger.notification.deadletter.ProcessorDeadLetterConfiguration}: dead letters.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@Import(EventConsumerConfiguration.class)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationSagaConfiguration {

    @Bean
    String notificationInstanceId(NotificationProperties properties) {
        String configured = properties.instanceId();
        return configured == null || configured.isBlank() ? "notification-saga-" + UUID.randomUUID() : configured;
    }

    /**
     * The event store's tables, for the JDBC storage engine Axon's JdbcAutoConfiguration builds: the saga's input, the
     * domain events the inbox forwarded from Kafka and the delivery outcomes (docs/adr/0020, docs/adr/0045).
     */
    @Bean
    EventSchema eventSchema() {
        return AxonJdbcTables.events();
    }

    /**
     * Tracking tokens in PostgreSQL (Axon's JdbcTokenStore on {@code token_entry}), committed with the work they track
     * through the batch's connection (never axon-kafka's KafkaTokenStore). Claims
     * are made in the instance's name ({@code token_entry.owner} = the owner of its deliveries). A position alone,
     * and the whole transaction of the inbox and the directory (both derived from Kafka), commit without waiting for
     * the disk; the saga's batches with work in them and the outcome writer stay durable (docs/adr/0024).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Qualifier("notificationInstanceId") String instanceId, JdbcTemplate jdbc,
                          ProcessorProperties processors) {
        TokenStore store = JdbcTokenStore.builder().connectionProvider(connectionProvider)
                .schema(AxonJdbcTables.tokens()).serializer(serializer).nodeId(instanceId).build();
        return processors.asyncPositionCommits() ? new AsyncCommitTokenStore(store, AsyncCommitTokenStore.relaxing(jdbc),
                Set.of(LeaveEventInbox.PROCESSING_GROUP, EmployeeDirectoryProjection.PROCESSING_GROUP)) : store;
    }

    @Bean
    CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }

    /** The API described at {@code /v3/api-docs} (the bearer scheme is added by service-support's LedgerOpenApi). */
    @Bean
    OpenAPI notificationSagaOpenApi(ObjectProvider<BuildProperties> build) {
        return LedgerOpenApi.document("Leave Ledger notification saga",
                "Notification delivery status per channel and dead-letter administration.", build);
    }
}
