package com.leaveledger.support.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * What the two services that consume the ledger's events from Kafka (query side, notification saga) share, imported
 * by their own configuration: one JSON setup, a UTC clock, and the correlation id of the event being handled in every
 * processor's log context. The command side keeps its own: its clock is in the ledger's time zone.
 */
@Configuration(proxyBeanMethods = false)
public class EventConsumerConfiguration {

    /** One JSON setup for events (on Kafka, in the saga's store), tokens, dead letters, saga state and HTTP bodies. */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Every processor puts the correlation id of the event it handles into the log context (docs/observability.md). */
    @Bean
    ConfigurerModule correlationIdLogContext() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (config, processorName) -> new CorrelationIdLogContext(MetadataKeys.CORRELATION_ID));
    }
}
