package com.leaveledger.command.infra;

import com.leaveledger.command.infra.axon.CommitWakingEventStore;
import com.leaveledger.support.processing.AxonJdbcTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store in PostgreSQL: Axon's JDBC storage engine on the Flyway tables, the store itself (without Axon's
 * cache of recent events, ADR 0014), how a lost race on an aggregate is recognised, and the token table.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /**
     * The event store's tables (db/migration) for Axon's JDBC storage engine, which Axon's JdbcAutoConfiguration
     * builds with this schema: plain batched inserts instead of JPA entities (docs/adr/0013).
     */
    @Bean
    EventSchema eventSchema() {
        return AxonJdbcTables.events();
    }

    /**
     * Axon's JDBC storage engine over {@link #eventSchema()}, built exactly as Axon's JdbcAutoConfiguration builds it;
     * declared here because that configuration steps back as soon as an event store bean exists ({@link #eventStore}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
    }

    /**
     * The event store (append, aggregate reads, snapshots, the Kafka publisher's stream), built as Axon's
     * auto-configuration builds its embedded store but without that store's shared cache of recent events, which kept
     * every event stored since the last young collection alive ({@link CommitWakingEventStore}, ADR 0014). The
     * publisher's stream reads the store itself and is woken at most once per
     * {@code ledger.event-store.wake-up-window} after commits.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EventStore eventStore(EventStorageEngine storageEngine,
                          org.axonframework.config.Configuration configuration,
                          CommandSideProperties properties) {
        return CommitWakingEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .wakeUpWindow(properties.eventStore().wakeUpWindow())
                .build();
    }

    /**
     * A unique violation (SQL state 23505) on the event table is a lost race on an aggregate: Axon turns it into a
     * ConcurrencyException / AggregateStreamCreationException, which the dispatcher retries. The JDBC engine's
     * default resolver looks for SQLIntegrityConstraintViolationException, which the PostgreSQL driver never throws.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Tracking tokens in PostgreSQL (Axon's JdbcTokenStore over this table), committed with the work they track;
     * never axon-kafka's KafkaTokenStore.
     */
    @Bean
    TokenSchema tokenSchema() {
        return AxonJdbcTables.tokens();
    }
}
