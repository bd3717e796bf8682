package com.leaveledger.command.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import java.time.Clock;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What the whole command path shares: the JSON setup, the clock, the upcasters, correlation data and idempotency.
 * The rest of the command side's wiring, beside it in this package:
 * <ul>
 *     <li>{@link DomainConfiguration}: aggregates' caches, command handlers, working days, the period registry;</li>
 *     <li>{@link EventStoreConfiguration}: the PostgreSQL event store and token tables (docs/adr/0013, 0014);</li>
 *     <li>{@link KafkaPublicationConfiguration}: the Kafka publisher (docs/adr/0005).</li>
 * </ul>
 * Elsewhere: {@code command.integrity.IntegrityConfiguration}, {@code command.observability.CommandObservabilityConfiguration},
 * {@code command.web} (security, OpenAPI).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(CommandSideProperties.class)
public class CommandSideConfiguration {

    /** One JSON setup for events in the store, on Kafka and in HTTP bodies (shared-kernel). */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock(CommandSideProperties properties) {
        return Clock.system(properties.timeZone());
    }

    @Bean
    CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }

    @Bean
    IdempotencyKeyRetention idempotencyKeyRetention(JdbcTemplate jdbc, CommandSideProperties properties) {
        return new IdempotencyKeyRetention(jdbc, properties.idempotency().retention());
    }

    /** Axon's InterceptorAutoConfiguration registers this on the command bus (inside the command's transaction). */
    @Bean
    IdempotencyInterceptor idempotencyInterceptor(JdbcTemplate jdbc) {
        return new IdempotencyInterceptor(jdbc);
    }
}
