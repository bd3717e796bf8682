package com.leaveledger.command.observability;

import com.leaveledger.command.infra.KafkaPublicationConfiguration;
import com.leaveledger.command.infra.axon.JdbcPublicationStore;
import com.leaveledger.command.infra.axon.PublicationMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side's metrics (docs/observability.md): command outcomes counted on the command bus, and the Kafka
 * publisher's lag and gap detector ({@link PublicationMonitorProperties}, {@code ledger.observability.publisher.*}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublicationMonitorProperties.class)
public class CommandObservabilityConfiguration {

    @Bean
    CommandOutcomeMonitor commandOutcomeMonitor(MeterRegistry registry) {
        return new CommandOutcomeMonitor(registry);
    }

    /** Axon's auto-configured command bus takes its message monitor from the Axon configuration. */
    @Bean
    ConfigurerModule commandOutcomeMonitoring(CommandOutcomeMonitor monitor) {
        return configurer -> configurer.configureMessageMonitor(CommandBus.class,
                (config, componentType, componentName) -> monitor);
    }

    @Bean
    PublicationMonitor publicationMonitor(JdbcTemplate jdbc, Serializer serializer,
                                          ObjectProvider<EventProcessingConfiguration> processing,
                                          MeterRegistry registry, PublicationMonitorProperties properties) {
        String publisher = KafkaPublicationConfiguration.PUBLISHER_GROUP;
        return new PublicationMonitor(new JdbcPublicationStore(jdbc, serializer, publisher),
                () -> processing.getObject().eventProcessor(publisher, StreamingEventProcessor.class),
                registry, Clock.systemUTC(), properties.interval(), properties.watchMissedFor());
    }
}
