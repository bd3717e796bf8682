package com.leaveledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.query.audit.AuditLogProjection;
import com.leaveledger.support.privacy.PersonalDataJson;
import com.leaveledger.query.balance.LeaveBalanceProjection;
import com.leaveledger.query.employee.EmployeeDirectoryProjection;
import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionConfiguration;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.projection.ProjectionProperties;
import com.leaveledger.query.request.LeaveRequestProjection;
import com.leaveledger.support.processing.AxonJdbcTables;
import com.leaveledger.support.processing.EventConsumerConfiguration;
import com.leaveledger.support.web.openapi.LedgerOpenApi;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What every part of the query side shares: Axon's event bus and token store, this instance's name, the catalog of
 * projections and the API description; the JSON setup, the clock and the log context come from service-support's
 * {@link EventConsumerConfiguration}. The rest is configured beside what it configures:
 * <ul>
 *     <li>{@link com.leaveledger.query.infra.kafka.KafkaConsumptionConfiguration}: reading the Kafka topic;</li>
 *     <li>{@link ProjectionConfiguration}: the live projections' processors;</li>
 *     <li>{@link com.leaveledger.query.replay.ReplayConfiguration}: rebuilding a projection (ADR 0011);</li>
 *     <li>{@link com.leaveledger.query.admin.AdminConfiguration}: projection admin, dead letters, gauges;</li>
 *     <li>{@link com.leaveledger.query.audit.AuditConfiguration} and {@link ReadModelConfiguration}: the queries.</li>
 * </ul>
 * See docs/adr/0010-query-side-consumption.md.
 */
@Configuration(proxyBeanMethods = false)
@Import(EventConsumerConfiguration.class)
@EnableConfigurationProperties(QuerySideProperties.class)
public class QuerySideConfiguration {

    /** The query side stores no events: a plain event bus keeps Axon from configuring an event store here. */
    @Bean
    EventBus eventBus() {
        return SimpleEventBus.builder().build();
    }

    /**
     * The name of this instance: the owner of the segments it claims in {@code token_entry} and its row in
     * {@code processor_instance}. Unique per running instance (two processes with one name would both hold the same
     * claims); random per start unless {@code ledger.instance-id} is set.
     */
    @Bean
    String queryInstanceId(QuerySideProperties properties) {
        String configured = properties.instanceId();
        return configured == null || configured.isBlank() ? "query-side-" + UUID.randomUUID() : configured;
    }

    /**
     * Tracking tokens in PostgreSQL (Axon's JdbcTokenStore on {@code token_entry}), committed with the read-model rows
     * they track through the batch's connection (never axon-kafka's KafkaTokenStore).
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Qualifier("queryInstanceId") String instanceId) {
        return JdbcTokenStore.builder().connectionProvider(connectionProvider).schema(AxonJdbcTables.tokens())
                .serializer(serializer).nodeId(instanceId).build();
    }

    /** The projections (each a tracking processor of its own, {@link ProjectionConfiguration}) and their tables. */
    @Bean
    ProjectionCatalog projectionCatalog(DataSource dataSource, @Qualifier("eventSerializer") Serializer eventSerializer,
                                        ObjectMapper json, ProjectionProperties properties,
                                        PersonalDataJson personalData) {
        return new ProjectionCatalog(List.of(
                new ProjectionDefinition(EmployeeDirectoryProjection.NAME, EmployeeDirectoryProjection.TABLES,
                        EmployeeDirectoryProjection::new),
                new ProjectionDefinition(LeaveRequestProjection.NAME, LeaveRequestProjection.TABLES,
                        LeaveRequestProjection::new),
                new ProjectionDefinition(LeaveBalanceProjection.NAME, LeaveBalanceProjection.TABLES,
                        LeaveBalanceProjection::new),
                new ProjectionDefinition(AuditLogProjection.NAME, AuditLogProjection.TABLES,
                        (writer, tables) -> new AuditLogProjection(writer, tables, eventSerializer, json,
                                personalData, dataSource))),
                dataSource, properties.carefulWindow());
    }

    /** The API described at {@code /v3/api-docs} (the bearer scheme is added by service-support's LedgerOpenApi). */
    @Bean
    OpenAPI querySideOpenApi(ObjectProvider<BuildProperties> build) {
        return LedgerOpenApi.document("Leave Ledger query side",
                "Leave requests, balances, team calendar, audit history and projection admin.", build);
    }
}
