package com.leaveledger.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import com.leaveledger.support.processing.AsyncCommitTokenStore;
import com.leaveledger.support.processing.AxonJdbcTables;
import com.leaveledger.support.processing.ProcessorProperties;
import com.leaveledger.support.web.openapi.LedgerOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
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
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every part of the notification saga shares: the JSON setup, the clock, the event store's and the token store's
 * tables, this instance's name,
 * correlation data, the log context and the API description; the settings ({@link NotificationProperties}). The rest
 * is configured beside what it configures:
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
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationSagaConfiguration {

    /** One JSON setup for events in the store, on Kafka, in HTTP bodies and saga state (shared-kernel). */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

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

    /** Every processor puts the correlation id of the event it handles into the log context (docs/observability.md). */
    @Bean
    ConfigurerModule correlationIdLogContext() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (config, processorName) -> new CorrelationIdLogContext(MetadataKeys.CORRELATION_ID));
    }

    /** The API described at {@code /v3/api-docs} (the bearer scheme is added by service-support's LedgerOpenApi). */
    @Bean
    OpenAPI notificationSagaOpenApi(ObjectProvider<BuildProperties> build) {
        return LedgerOpenApi.document("Leave Ledger notification saga",
                "Notification delivery status per channel and dead-letter administration.", build);
    }
}
