package com.leaveledger.command.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.command.calendar.HolidayCalendar;
import com.leaveledger.command.calendar.JollydayHolidayCalendar;
import com.leaveledger.command.calendar.WorkingDays;
import com.leaveledger.command.employee.Employee;
import com.leaveledger.command.employee.EmployeeCommandHandler;
import com.leaveledger.command.leaveaccount.LeaveAccount;
import com.leaveledger.command.leaveaccount.LeaveAccountCommandHandler;
import com.leaveledger.command.leaverequest.LeaveRequest;
import com.leaveledger.command.leaverequest.LeaveRequestCommandHandler;
import com.leaveledger.command.leaverequest.PeriodRegistry;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.upcasting.EntitlementGrantedEventUpcaster;
import com.leaveledger.support.privacy.DataKeyCipher;
import com.leaveledger.support.processing.AsyncCommitTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Every bean of the command side, and all Axon wiring, in one place. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class CommandSideConfiguration {

    /** The processing group of axon-kafka's publisher (its default name). */
    public static final String PUBLISHER_GROUP = "__axon-kafka-event-publishing-group";

    /** One JSON setup for events in the store, on Kafka and in HTTP bodies (shared-kernel). */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock(@Value("${ledger.time-zone:UTC}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }

    @Bean
    HolidayCalendar holidayCalendar() {
        return new JollydayHolidayCalendar();
    }

    @Bean
    WorkingDays workingDays(HolidayCalendar holidays) {
        return new WorkingDays(holidays);
    }

    @Bean
    PeriodRegistry periodRegistry(JdbcTemplate jdbc) {
        return new JdbcPeriodRegistry(jdbc);
    }

    // Aggregate caches: loading an aggregate is a map lookup instead of reading its events; the event store's
    // unique (aggregate, sequence) key still catches a stale copy when several instances run (docs/adr/0004).
    @Bean
    Cache employeeCache(AggregateCacheFactory caches) {
        return caches.create("employees");
    }

    @Bean
    Cache leaveAccountCache(AggregateCacheFactory caches) {
        return caches.create("leave-accounts");
    }

    @Bean
    Cache leaveRequestCache(AggregateCacheFactory caches) {
        return caches.create("leave-requests");
    }

    @Bean
    AggregateCacheFactory aggregateCacheFactory(@Value("${ledger.aggregate-cache.enabled:true}") boolean enabled,
                                                @Value("${ledger.aggregate-cache.max-entries:100000}") long maxEntries) {
        return new AggregateCacheFactory(enabled, maxEntries);
    }

    @Bean
    EmployeeCommandHandler employeeCommandHandler(@Qualifier("employeeRepository") Repository<Employee> employees,
                                                  EventStore eventStore, HolidayCalendar holidays,
                                                  DataKeyCipher keys) {
        return new EmployeeCommandHandler(employees, id -> eventStore.lastSequenceNumberFor(id).isPresent(), holidays,
                keys::destroyKey);
    }

    @Bean
    LeaveAccountCommandHandler leaveAccountCommandHandler(
            @Qualifier("leaveAccountRepository") Repository<LeaveAccount> accounts,
            @Qualifier("employeeRepository") Repository<Employee> employees) {
        return new LeaveAccountCommandHandler(accounts, employees);
    }

    @Bean
    LeaveRequestCommandHandler leaveRequestCommandHandler(
            @Qualifier("leaveRequestRepository") Repository<LeaveRequest> requests,
            @Qualifier("leaveAccountRepository") Repository<LeaveAccount> accounts,
            @Qualifier("employeeRepository") Repository<Employee> employees,
            PeriodRegistry periods, WorkingDays workingDays, Clock clock) {
        return new LeaveRequestCommandHandler(requests, accounts, employees, periods, workingDays, clock);
    }

    /** Event upcasters (Axon's auto-configuration chains every EventUpcaster bean). */
    @Bean
    EntitlementGrantedEventUpcaster entitlementGrantedEventUpcaster() {
        return new EntitlementGrantedEventUpcaster();
    }

    @Bean
    CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }

    @Bean
    IdempotencyKeyRetention idempotencyKeyRetention(JdbcTemplate jdbc,
                                                    @Value("${ledger.idempotency.retention:P7D}") Duration retention) {
        return new IdempotencyKeyRetention(jdbc, retention);
    }

    /** Axon's InterceptorAutoConfiguration registers this on the command bus (inside the command's transaction). */
    @Bean
    IdempotencyInterceptor idempotencyInterceptor(JdbcTemplate jdbc) {
        return new IdempotencyInterceptor(jdbc);
    }

    /**
     * The event store's tables (db/migration) for Axon's JDBC storage engine, which Axon's JdbcAutoConfiguration
     * builds with this schema: plain batched inserts instead of JPA entities (docs/adr/0013).
     */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
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
                          @Value("${ledger.event-store.wake-up-window:20ms}") Duration wakeUpWindow) {
        return CommitWakingEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .wakeUpWindow(wakeUpWindow)
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
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * axon-kafka's publisher with one wait for Kafka's acknowledgements per batch instead of one per record
     * (docs/adr/0005): replaces the extension's own {@code KafkaPublisher} bean.
     */
    @Bean(destroyMethod = "shutDown")
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<String, byte[]> axonKafkaProducerFactory,
                                                  KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
                                                  TopicResolver topicResolver,
                                                  @Qualifier("eventSerializer") Serializer eventSerializer,
                                                  @Value("${ledger.publisher.ack-timeout:30s}") Duration ackTimeout) {
        return new BatchAcknowledgedKafkaPublisher(axonKafkaProducerFactory, kafkaMessageConverter, topicResolver,
                eventSerializer, ackTimeout);
    }

    /** Kafka records keyed by employee id; headers carry id, type, revision, timestamp and all metadata. */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer) {
        return DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(new EmployeeSequencingPolicy())
                .upcasterChain(new EventUpcasterChain())
                .build();
    }

    /**
     * The publisher is a tracking processor over the event store (the outbox): one segment by default (a thread per
     * segment; one employee's events stay in one segment), and a batch's token is stored only after Kafka
     * acknowledged every record of the batch. Not a pooled streaming processor: the event store's stream does not wake one up when events arrive, so
     * its coordinator polls every 500 ms once it has caught up (~300 ms from commit to Kafka); a tracking thread
     * blocks on the store's stream and is woken by the commit (docs/adr/0005). Threads = segments, or a segment
     * would stay unclaimed.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessing(@Value("${ledger.publisher.segments:1}") int segments,
                                              @Value("${ledger.publisher.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing()
                .registerSequencingPolicy(PUBLISHER_GROUP, config -> new EmployeeSequencingPolicy())
                .registerTrackingEventProcessorConfiguration(PUBLISHER_GROUP, config -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize));
    }

    /**
     * The publisher's transactions write nothing but its position, so they commit without waiting for the disk: a
     * position lost in a PostgreSQL crash means its last batches are published again, which every consumer already
     * deduplicates (ADR 0005). Commands stay durable: their commits are untouched (docs/adr/0024).
     */
    @Bean
    static BeanPostProcessor asyncPublisherPositions(ObjectProvider<JdbcTemplate> jdbc,
            @Value("${ledger.processors.async-position-commits:true}") boolean enabled) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (enabled && bean instanceof TokenStore store && !(bean instanceof AsyncCommitTokenStore)) {
                    return new AsyncCommitTokenStore(store, () -> AsyncCommitTokenStore.relaxing(jdbc.getObject()).run(),
                            Set.of(PUBLISHER_GROUP));
                }
                return bean;
            }
        };
    }
}
