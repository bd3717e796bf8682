package com.leaveledger.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.upcasting.EntitlementGrantedEventUpcaster;
import com.leaveledger.query.audit.AuditLogProjection;
import com.leaveledger.support.privacy.PersonalDataJson;
import com.leaveledger.query.balance.LeaveBalanceProjection;
import com.leaveledger.query.calendar.HolidayCalendar;
import com.leaveledger.query.calendar.JollydayHolidayCalendar;
import com.leaveledger.query.employee.EmployeeDirectoryProjection;
import com.leaveledger.query.projection.AllPartitionsMessageSource;
import com.leaveledger.query.projection.DeadLetterPolicy;
import com.leaveledger.query.projection.EmployeeSequencingPolicy;
import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import com.leaveledger.query.projection.PublishedEventMessage;
import com.leaveledger.query.projection.SharedEventSource;
import com.leaveledger.query.projection.VisibilityLag;
import com.leaveledger.query.admin.ProjectionAdmin;
import com.leaveledger.query.admin.ProjectionMetrics;
import com.leaveledger.query.audit.AuditExport;
import com.leaveledger.query.audit.AuditQueries;
import com.leaveledger.query.balance.BalanceQueries;
import com.leaveledger.query.calendar.TeamCalendarQueries;
import com.leaveledger.query.employee.EmployeeDirectory;
import com.leaveledger.query.replay.ProcessorPositions;
import com.leaveledger.query.replay.ReplayCoordinator;
import com.leaveledger.query.replay.ReplayProcessorFactory;
import com.leaveledger.query.replay.ReplayStore;
import com.leaveledger.query.replay.ShadowTables;
import com.leaveledger.query.request.LeaveRequestQueries;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.query.request.LeaveRequestProjection;
import com.leaveledger.support.kafka.ArrivalOrderBuffer;
import com.leaveledger.support.processing.DeadLetterAdmin;
import com.leaveledger.support.processing.ProcessorRetryMonitor;
import com.leaveledger.support.processing.SegmentBalancer;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jpa.EventMessageDeadLetterJpaConverter;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every bean of the query side, and all Axon wiring, in one place.
 * <p>
 * Each projection is a tracking event processor named after it, reading the Kafka topic through axon-kafka's
 * {@link StreamableKafkaMessageSource} (every partition, no consumer group). Its token lives in
 * {@code query_side.token_entry} and is stored in the same transaction as the read-model rows of the batch; events
 * are sequenced by employee (the record key); an event a projection cannot handle goes to its sequenced dead-letter
 * queue in {@code query_side.dead_letter_entry}. See docs/adr/0010-query-side-consumption.md.
 */
@Configuration(proxyBeanMethods = false)
public class QuerySideConfiguration {

    static final String BEARER_JWT = "bearer-jwt";

    /** One JSON setup for events on Kafka, tokens, dead letters and HTTP bodies (shared-kernel). */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

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
    String queryInstanceId(@Value("${ledger.instance-id:}") String configured) {
        return configured == null || configured.isBlank() ? "query-side-" + UUID.randomUUID() : configured;
    }

    /** Tracking tokens in PostgreSQL, committed with the read-model rows they track (never axon-kafka's KafkaTokenStore). */
    @Bean
    TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer,
                          @Qualifier("queryInstanceId") String instanceId) {
        return JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .nodeId(instanceId).build();
    }

    /**
     * Reads Kafka records in the command side's format (DefaultKafkaMessageConverter, Jackson). Upcasters declared
     * as beans apply, so an event published in an older revision reaches handlers in the current shape. Declared
     * here (not auto-configured) because axon-kafka's own bean needs the Axon configuration, which needs the
     * message source, which needs the converter.
     */
    @Bean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer,
                                                                ObjectProvider<EventUpcaster> upcasters) {
        return DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .build();
    }

    /**
     * Every projection's event source: all partitions of the topic, read without a consumer group from the
     * positions in the processor's token. Records are handed over in poll order ({@link ArrivalOrderBuffer}) —
     * axon-kafka's default buffer re-sorts them, which makes streaming processors skip events.
     */
    @Bean
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            @Qualifier("eventSerializer") Serializer serializer, ConsumerFactory<String, byte[]> consumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> fetcher, KafkaMessageConverter<String, byte[]> converter,
            @Value("${axon.kafka.default-topic}") String topic,
            @Value("${axon.kafka.fetcher.buffer-size:10000}") int bufferSize) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(serializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new ArrivalOrderBuffer<>(bufferSize, PublishedEventMessage::stamp))
                .build();
    }

    /**
     * The source replays read, and the live projections through {@link #liveProjectionSource}: tokens that always
     * name every partition. Primary: with the shared source switched off, the live source is this same object.
     */
    @Bean
    @Primary
    AllPartitionsMessageSource allPartitionsMessageSource(StreamableKafkaMessageSource<String, byte[]> kafkaSource,
                                                          Admin kafkaAdmin,
                                                          @Value("${axon.kafka.default-topic}") String topic) {
        return new AllPartitionsMessageSource(kafkaSource, AllPartitionsMessageSource.partitionsOf(kafkaAdmin, topic));
    }

    /**
     * What the live projections read: one Kafka reader for all of them ({@link SharedEventSource}, ADR 0034),
     * or with {@code ledger.projections.shared-source=false} a Kafka reader per processor segment, as replays do.
     */
    @Bean(destroyMethod = "")
    StreamableMessageSource<TrackedEventMessage<?>> liveProjectionSource(
            AllPartitionsMessageSource source, MeterRegistry registry,
            @Value("${ledger.projections.shared-source:true}") boolean shared,
            @Value("${ledger.projections.shared-window:4096}") int window) {
        if (!shared) {
            return source;
        }
        SharedEventSource sharedSource = new SharedEventSource(source, window);
        FunctionCounter.builder("ledger.projection.source.own-readers", sharedSource,
                        SharedEventSource::ownStreamsOpened)
                .description("Kafka readers opened by live projection streams that could not read the shared window")
                .register(registry);
        return sharedSource;
    }

    /** EntitlementGrantedEvent revision 1 → 2 (shared-kernel): applied to records before any handler sees them. */
    @Bean
    EventUpcaster entitlementGrantedEventUpcaster() {
        return new EntitlementGrantedEventUpcaster();
    }

    @Bean
    ProjectionCatalog projectionCatalog(DataSource dataSource, @Qualifier("eventSerializer") Serializer eventSerializer,
                                        ObjectMapper json, PersonalDataJson personalData,
                                        @Value("${ledger.projections.careful-window:30s}") Duration carefulWindow) {
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
                dataSource, carefulWindow);
    }

    @Bean
    VisibilityLag visibilityLag(MeterRegistry registry) {
        return new VisibilityLag(registry);
    }

    /** Settings shared by the live processors and the replay processors. */
    @Bean
    ProjectionSettings projectionSettings(@Value("${ledger.projections.segments:1}") int segments,
                                          @Value("${ledger.projections.batch-size:500}") int batchSize,
                                          @Value("${ledger.projections.dead-letters.max-sequences:10000}") int maxSequences,
                                          @Value("${ledger.projections.dead-letters.max-sequence-size:10000}") int maxSequenceSize,
                                          @Value("${ledger.replay.segments:1}") int replaySegments,
                                          @Value("${ledger.replay.batch-size:1000}") int replayBatchSize) {
        return new ProjectionSettings(segments, batchSize, maxSequences, maxSequenceSize, replaySegments,
                replayBatchSize);
    }

    /**
     * One tracking event processor per projection, reading Kafka, with the projection's live instance as its
     * handler, employee sequencing, a JPA dead-letter queue and the visibility-lag recorder. A tracking processor,
     * not a pooled one: see ADR 0010 for the pooled processor's 100 ms / 500 ms pauses on this source.
     */
    @Bean
    ConfigurerModule projectionProcessing(ProjectionCatalog catalog, ProjectionSettings settings,
                                          @Qualifier("liveProjectionSource")
                                          StreamableMessageSource<TrackedEventMessage<?>> source, VisibilityLag lag,
                                          ProcessorRetryMonitor retries,
                                          @Value("${ledger.processors.token-claim-interval:5s}") Duration claimInterval) {
        return configurer -> catalog.all().forEach(projection -> {
            String name = projection.name();
            configurer.eventProcessing()
                    .registerEventHandler(config -> catalog.live(name))
                    .registerTrackingEventProcessor(name, config -> source, config -> TrackingEventProcessorConfiguration
                            .forParallelProcessing(settings.segments())
                            .andInitialSegmentsCount(settings.segments())
                            .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                            .andBatchSize(settings.batchSize())
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                            .andEventTrackerStatusChangeListener(retries.listener(name)))
                    .registerSequencingPolicy(name, config -> new EmployeeSequencingPolicy())
                    .registerDeadLetterQueue(name, config -> deadLetterQueue(config, name, settings))
                    .registerDeadLetterPolicy(name, config -> new DeadLetterPolicy())
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name, (config, builder) -> builder
                            .enableSequenceIdentifierCache()
                            .sequenceIdentifierCacheSize(settings.maxSequences()))
                    .registerHandlerInterceptor(name, config -> lag.interceptor(name));
        });
    }

    static JpaSequencedDeadLetterQueue<org.axonframework.eventhandling.EventMessage<?>> deadLetterQueue(
            org.axonframework.config.Configuration config, String processingGroup, ProjectionSettings settings) {
        return JpaSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .clearConverters()
                .addConverter(new PublishedEventMessage.DeadLetterConverter())
                .addConverter(new EventMessageDeadLetterJpaConverter())
                .maxSequences(settings.maxSequences())
                .maxSequenceSize(settings.maxSequenceSize())
                .entityManagerProvider(config.getComponent(EntityManagerProvider.class))
                .transactionManager(config.getComponent(TransactionManager.class))
                .eventSerializer(config.eventSerializer())
                .genericSerializer(config.serializer())
                .build();
    }

    /**
     * Spreads the live projections' segments over the running instances (ADR 0030): each processor has a thread per
     * segment, so one instance can take everything; this releases what an instance holds beyond its share.
     */
    @Bean
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, @Qualifier("queryInstanceId") String instanceId,
                                    ProjectionCatalog catalog, EventProcessingConfiguration processing,
                                    @Value("${ledger.processors.balance-interval:2s}") Duration interval,
                                    @Value("${ledger.processors.instance-timeout:6s}") Duration instanceTimeout,
                                    @Value("${ledger.processors.token-claim-interval:5s}") Duration claimInterval) {
        return new SegmentBalancer(jdbc, instanceId, () -> {
            Map<String, StreamingEventProcessor> live = new LinkedHashMap<>();
            catalog.all().forEach(projection -> processing.eventProcessor(projection.name(),
                    StreamingEventProcessor.class).filter(StreamingEventProcessor::isRunning)
                    .ifPresent(processor -> live.put(projection.name(), processor)));
            return live;
        }, new SegmentBalancer.Settings(interval, instanceTimeout, claimInterval.multipliedBy(2)));
    }

    /** Builds the processors that rebuild a projection into its shadow tables (ADR 0011). */
    @Bean
    ReplayProcessorFactory replayProcessorFactory(org.axonframework.config.Configuration axon,
                                                  ProjectionCatalog catalog, ProjectionSettings settings,
                                                  AllPartitionsMessageSource source,
                                                  TokenStore tokenStore, TransactionManager transactionManager) {
        return new ReplayProcessorFactory(axon, catalog, source, tokenStore, transactionManager,
                (config, group) -> deadLetterQueue(config, group, settings), settings.replaySegments(),
                settings.replayBatchSize(), settings.maxSequences());
    }

    @Bean
    ProcessorPositions processorPositions(JdbcTemplate jdbc, Serializer serializer, Admin kafkaAdmin,
                                          @Value("${axon.kafka.default-topic}") String topic) {
        return new ProcessorPositions(jdbc, serializer, kafkaAdmin, topic);
    }

    @Bean
    ReplayCoordinator replayCoordinator(ProjectionCatalog catalog, ReplayProcessorFactory factory, JdbcTemplate jdbc,
                                        ProcessorPositions positions, EventProcessingConfiguration processing,
                                        PlatformTransactionManager transactionManager, Clock clock,
                                        @Value("${ledger.replay.monitor-interval:1s}") Duration monitorInterval,
                                        @Value("${ledger.replay.switch-timeout:60s}") Duration switchTimeout,
                                        @Value("${ledger.replay.switch-lag:500}") long switchLag,
                                        @Qualifier("queryInstanceId") String instanceId) {
        return new ReplayCoordinator(catalog, factory, new ReplayStore(jdbc), new ShadowTables(jdbc), positions,
                processing, new TransactionTemplate(transactionManager), jdbc, clock, monitorInterval, switchTimeout,
                switchLag, instanceId);
    }

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
                                        @Value("${ledger.projections.metrics-interval:5s}") Duration interval) {
        return new ProjectionMetrics(catalog, processing, positions, jdbc, registry, interval);
    }

    /** Every processor puts the correlation id of the event it handles into the log context (docs/observability.md). */
    @Bean
    ConfigurerModule correlationIdLogContext() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (config, processorName) -> new CorrelationIdLogContext(MetadataKeys.CORRELATION_ID));
    }

    // --- read side of the read models ---------------------------------------------------------------------------

    @Bean
    EmployeeDirectory employeeDirectory(JdbcTemplate jdbc) {
        return new EmployeeDirectory(jdbc);
    }

    @Bean
    AccessRules accessRules(EmployeeDirectory directory) {
        return new AccessRules(directory);
    }

    @Bean
    LeaveRequestQueries leaveRequestQueries(JdbcTemplate jdbc, ObjectMapper json) {
        return new LeaveRequestQueries(jdbc, json);
    }

    @Bean
    BalanceQueries balanceQueries(JdbcTemplate jdbc) {
        return new BalanceQueries(jdbc);
    }

    @Bean
    TeamCalendarQueries teamCalendarQueries(JdbcTemplate jdbc, HolidayCalendar holidays) {
        return new TeamCalendarQueries(jdbc, holidays);
    }

    @Bean
    AuditQueries auditQueries(JdbcTemplate jdbc, PersonalDataJson personalData) {
        return new AuditQueries(jdbc, personalData);
    }

    /** Streamed exports: a read-only transaction and a cursor of {@code ledger.audit.export-fetch-size} rows. */
    @Bean
    AuditExport auditExport(DataSource dataSource, PlatformTransactionManager transactionManager, ObjectMapper json,
                            @Value("${ledger.audit.export-fetch-size:1000}") int fetchSize,
                            PersonalDataJson personalData) {
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);
        return new AuditExport(dataSource, readOnly, json, fetchSize, personalData);
    }

    /** Kafka admin client: the topic's end offsets, for each projection's lag and a replay's total. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "query-side-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    @Bean
    HolidayCalendar holidayCalendar() {
        return new JollydayHolidayCalendar();
    }

    /**
     * Describes the API at {@code /v3/api-docs} and declares the bearer-JWT scheme the API is
     * secured with: {@code sub} is the employee id, {@code roles} lists the caller's roles.
     */
    @Bean
    OpenAPI querySideOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? "dev" : info.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Leave Ledger query side")
                        .description("Leave requests, balances, team calendar, audit history and projection admin.")
                        .version(version))
                .components(new Components().addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    }

    /** Processor settings: live projections and replays. */
    public record ProjectionSettings(int segments, int batchSize, int maxSequences, int maxSequenceSize,
                                     int replaySegments, int replayBatchSize) {
    }
}
