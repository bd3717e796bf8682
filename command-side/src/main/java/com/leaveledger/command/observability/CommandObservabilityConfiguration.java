package com.leaveledger.command.observability;

import com.leaveledger.command.infra.CommandSideConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command side's metrics (docs/observability.md): command outcomes counted on the command bus, and the Kafka
 * publisher's lag and gap detector. Kept apart from {@link CommandSideConfiguration} so the command path's wiring
 * stays in one place and this in another.
 * <p>
 * Settings (defaults in brackets): {@code ledger.observability.publisher.interval} [5s] how often the publisher is
 * sampled; {@code ledger.observability.publisher.watch-missed-for} [15m] how long an index the publisher passed
 * without an event is watched for a late event.
 */
@Configuration(proxyBeanMethods = false)
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
                                          MeterRegistry registry,
                                          @Value("${ledger.observability.publisher.interval:5s}") Duration interval,
                                          @Value("${ledger.observability.publisher.watch-missed-for:15m}")
                                          Duration watchFor) {
        String publisher = CommandSideConfiguration.PUBLISHER_GROUP;
        return new PublicationMonitor(new JdbcPublicationStore(jdbc, serializer, publisher),
                () -> processing.getObject().eventProcessor(publisher, StreamingEventProcessor.class),
                registry, Clock.systemUTC(), interval, watchFor);
    }
}
