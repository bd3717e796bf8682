package com.leaveledger.query.replay;

import com.leaveledger.query.infra.kafka.AllPartitionsMessageSource;
import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionConfiguration;
import com.leaveledger.query.projection.ProjectionProperties;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Rebuilding a projection into its shadow tables while the live one keeps answering ({@code ledger.replay.*}; ADR 0011). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReplayProperties.class)
public class ReplayConfiguration {

    /** Builds the processors that rebuild a projection into its shadow tables, with the live projections' dead-letter bounds. */
    @Bean
    ReplayProcessorFactory replayProcessorFactory(org.axonframework.config.Configuration axon,
                                                  ProjectionCatalog catalog, ProjectionProperties projections,
                                                  ReplayProperties replays, AllPartitionsMessageSource source,
                                                  TokenStore tokenStore, TransactionManager transactionManager) {
        ProjectionProperties.DeadLetters bounds = projections.deadLetters();
        return new ReplayProcessorFactory(axon, catalog, source, tokenStore, transactionManager,
                (config, group) -> ProjectionConfiguration.deadLetterQueue(config, group, bounds),
                replays.segments(), replays.batchSize(), bounds.maxSequences());
    }

    /** Each processor's position against the topic's end offsets. */
    @Bean
    ProcessorPositions processorPositions(JdbcTemplate jdbc, Serializer serializer, Admin kafkaAdmin,
                                          KafkaProperties kafka) {
        return new ProcessorPositions(jdbc, serializer, kafkaAdmin, kafka.getDefaultTopic());
    }

    @Bean
    ReplayCoordinator replayCoordinator(ProjectionCatalog catalog, ReplayProcessorFactory factory, JdbcTemplate jdbc,
                                        ProcessorPositions positions, EventProcessingConfiguration processing,
                                        PlatformTransactionManager transactionManager, Clock clock,
                                        ReplayProperties replays, @Qualifier("queryInstanceId") String instanceId) {
        return new ReplayCoordinator(catalog, factory, new ReplayStore(jdbc), new ShadowTables(jdbc), positions,
                processing, new TransactionTemplate(transactionManager), jdbc, clock, replays.monitorInterval(),
                replays.switchTimeout(), replays.switchLag(), instanceId);
    }
}
