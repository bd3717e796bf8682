package com.leaveledger.query.admin;

import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.projection.ProjectionProperties;
import com.leaveledger.query.projection.VisibilityLag;
import com.leaveledger.query.replay.ProcessorPositions;
import com.leaveledger.query.replay.ReplayCoordinator;
import com.leaveledger.support.processing.DeadLetterAdmin;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operating the projections: their state and replays, their dead letters, their gauges. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

    @Bean
    ProjectionAdmin projectionAdmin(ProjectionCatalog catalog, EventProcessingConfiguration processing,
                                    ProcessorPositions positions, ReplayCoordinator replays, VisibilityLag lag,
                                    JdbcTemplate jdbc, @Qualifier("queryInstanceId") String instanceId) {
        return new ProjectionAdmin(catalog, processing, positions, replays, lag, jdbc, instanceId);
    }

    @Bean
    DeadLetterAdmin deadLetterAdmin(ProjectionCatalog catalog, EventProcessingConfiguration processing,
                                    JdbcTemplate jdbc) {
        return new DeadLetterAdmin(processing, jdbc, catalog.all().stream().map(ProjectionDefinition::name).toList());
    }

    /** Every projection's lag, dead letters and state as gauges, sampled every few seconds (docs/observability.md). */
    @Bean
    ProjectionMetrics projectionMetrics(ProjectionCatalog catalog, EventProcessingConfiguration processing,
                                        ProcessorPositions positions, JdbcTemplate jdbc, MeterRegistry registry,
                                        ProjectionProperties projections) {
        return new ProjectionMetrics(catalog, processing, positions, jdbc, registry, projections.metricsInterval());
    }
}
