package com.leaveledger.support.processing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * How long each tracking processor has been retrying the same batch ({@link ProcessorRetryMonitor}; gauge
 * {@code ledger.processor.retrying}, alert ProcessorRetrying, docs/observability.md), for every service with Axon
 * processors. A service hands {@link ProcessorRetryMonitor#listener} to each processor it registers. Binds the
 * processors' shared settings, {@link ProcessorProperties} ({@code ledger.processors.*}).
 */
@AutoConfiguration
@ConditionalOnClass({EventProcessingConfiguration.class, MeterRegistry.class})
@EnableConfigurationProperties(ProcessorProperties.class)
public class ProcessorMonitoringAutoConfiguration {

    @Bean
    ProcessorRetryMonitor processorRetryMonitor(ObjectProvider<EventProcessingConfiguration> processing,
                                                MeterRegistry meters, ObjectProvider<Clock> clock) {
        return new ProcessorRetryMonitor(name -> processing.getObject().eventProcessor(name,
                StreamingEventProcessor.class), meters, clock.getIfAvailable(Clock::systemUTC));
    }
}
