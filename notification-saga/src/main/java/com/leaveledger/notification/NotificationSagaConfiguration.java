package com.leaveledger.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.HttpProviderClient;
import com.leaveledger.notification.channel.SimulatedSender;
import com.leaveledger.notification.channel.email.SmtpEmailSender;
import com.leaveledger.notification.channel.push.HttpPushSender;
import com.leaveledger.notification.channel.sms.HttpSmsSender;
import com.leaveledger.notification.deadletter.DeadLetterPublisher;
import com.leaveledger.notification.deadletter.DeadLetterService;
import com.leaveledger.notification.deadletter.DeadLetterStore;
import com.leaveledger.notification.deadletter.SagaEventDeadLetterer;
import com.leaveledger.notification.delivery.DeliveryCommandHandler;
import com.leaveledger.notification.delivery.DeliveryDispatcher;
import com.leaveledger.notification.delivery.DeliveryEventLog;
import com.leaveledger.notification.delivery.DeliveryRecovery;
import com.leaveledger.notification.delivery.DeliveryStore;
import com.leaveledger.notification.delivery.MessageRenderer;
import com.leaveledger.notification.delivery.OutcomeWriter;
import com.leaveledger.notification.delivery.ResilientChannel;
import com.leaveledger.notification.directory.EmployeeDirectory;
import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.notification.saga.LeaveNotificationSaga;
import com.leaveledger.notification.saga.SegmentRoutedSagaManager;
import com.leaveledger.support.kafka.ArrivalOrderBuffer;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import com.leaveledger.support.processing.AsyncCommitTokenStore;
import com.leaveledger.support.processing.ProcessorRetryMonitor;
import com.leaveledger.support.processing.SegmentBalancer;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every bean of the notification saga, and all Axon wiring, in one place.
 * <p>
 * Processors: {@code notification-inbox} and {@code employee-directory} read the Kafka topic
 * (axon-kafka's {@code StreamableKafkaMessageSource}, pooled streaming, tokens in PostgreSQL); the saga's
 * processor {@code notification-saga} reads this service's event store (the inbox's copies of the domain events
 * and the delivery outcomes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationSagaConfiguration {

    static final String BEARER_JWT = "bearer-jwt";


    /** One JSON setup for events in the store, on Kafka, in HTTP bodies and saga state (shared-kernel). */
    @Bean("defaultAxonObjectMapper")
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder springDefaults) {
        return LedgerObjectMapper.configure(springDefaults.build());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Tracking tokens in PostgreSQL, committed with the work they track (never axon-kafka's KafkaTokenStore). Claims
     * are made in the instance's name ({@code token_entry.owner} = the owner of its deliveries). A position alone,
     * and the whole transaction of the inbox and the directory (both derived from Kafka), commit without waiting for
     * the disk; the saga's batches with work in them and the outcome writer stay durable (docs/adr/0024).
     */
    @Bean
    TokenStore tokenStore(EntityManagerProvider entityManagerProvider, Serializer serializer,
                          @Qualifier("notificationInstanceId") String instanceId, JdbcTemplate jdbc,
                          @Value("${ledger.processors.async-position-commits:true}") boolean asyncPositions) {
        TokenStore store = JpaTokenStore.builder().entityManagerProvider(entityManagerProvider).serializer(serializer)
                .nodeId(instanceId).build();
        return asyncPositions ? new AsyncCommitTokenStore(store, AsyncCommitTokenStore.relaxing(jdbc),
                Set.of(LeaveEventInbox.PROCESSING_GROUP, EmployeeDirectoryProjection.PROCESSING_GROUP)) : store;
    }

    /**
     * Saga state through plain JDBC (Axon's JdbcSagaStore on the Flyway tables) in the processor's transaction:
     * the JPA saga store made Hibernate flush and dirty-check every loaded saga before each association query,
     * which was most of the saga processor's time under load (docs/benchmarks.md, "Notifications").
     */
    @Bean
    SagaStore<Object> sagaStore(DataSource dataSource, Serializer serializer) {
        SagaSchema tables = SagaSchema.builder()
                .sagaEntryTable("saga_entry").sagaIdColumn("saga_id").sagaTypeColumn("saga_type")
                .revisionColumn("revision").serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry").associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build();
        return JdbcSagaStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .sqlSchema(new PostgresSagaSqlSchema(tables))
                .serializer(serializer)
                .build();
    }

    @Bean
    CorrelationDataProvider ledgerCorrelationDataProvider() {
        return new LedgerCorrelationDataProvider();
    }

    @Bean
    String notificationInstanceId(NotificationProperties properties) {
        String configured = properties.getInstanceId();
        return configured == null || configured.isBlank() ? "notification-saga-" + UUID.randomUUID() : configured;
    }

    /**
     * The Kafka source of {@code notification-inbox} and {@code employee-directory}: all partitions of the events
     * topic, positions kept as tracking tokens in PostgreSQL. Two changes to axon-kafka's own: records are handed
     * over in fetch order ({@link ArrivalOrderBuffer}; the timestamp-sorted default loses events under load), and
     * the tail token is the start of every partition, so a first run and a reset ({@code resetTokens()}) read the
     * topic from the beginning (axon-kafka answers {@code null}).
     */
    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            @Qualifier("eventSerializer") Serializer eventSerializer, ConsumerFactory axonKafkaConsumerFactory,
            Fetcher kafkaFetcher, KafkaMessageConverter kafkaMessageConverter,
            @Value("${axon.kafka.default-topic}") String topic,
            @Value("${axon.kafka.fetcher.buffer-size:10000}") int bufferSize) {
        StreamableKafkaMessageSource.Builder<String, byte[]> builder = StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(topic))
                .serializer(eventSerializer)
                .consumerFactory(axonKafkaConsumerFactory)
                .fetcher(kafkaFetcher)
                .messageConverter(kafkaMessageConverter)
                .bufferFactory(() -> new ArrivalOrderBuffer<>(bufferSize));
        return new StreamableKafkaMessageSource<>(builder) {
            @Override
            public TrackingToken createTailToken() {
                return KafkaTrackingToken.emptyToken();
            }
        };
    }

    // --- processors ----------------------------------------------------------------------------------------

    /**
     * The three processors, all tracking processors: a tracking processor blocks on its stream and handles events
     * the moment they arrive, where a pooled one polls an idle stream every 500 ms (and its work-package queues
     * pause it under load, see docs/adr/0010). {@code notification-inbox} and {@code employee-directory} read Kafka
     * with one segment each; {@code notification-saga} reads this service's event store with
     * {@code ledger.notifications.saga-segments} segments (one thread each). All read their whole source on a first
     * run (Axon's default would start at the head), except the inbox with {@code inbox-start: head}.
     * <p>
     * Errors: the Kafka-fed processors dead-letter an event they cannot handle under its employee, in Axon's sequenced
     * queue ({@link com.leaveledger.notification.deadletter.ProcessorDeadLetterConfiguration}), and retry a batch that
     * failed on database trouble (docs/adr/0031); the saga dead-letters an event it
     * cannot handle (docs/adr/0021). How long each has been retrying the same batch is a gauge
     * ({@link ProcessorRetryMonitor}).
     */
    @Bean
    ConfigurerModule notificationProcessing(
            NotificationProperties properties, DeadLetterStore deadLetters, ProcessorRetryMonitor retries,
            ObjectProvider<StreamableKafkaMessageSource<String, byte[]>> streamableKafkaMessageSource,
            @Value("${ledger.processors.token-claim-interval:5s}") Duration claimInterval) {
        long claimMillis = claimInterval.toMillis();
        boolean fromHead = "head".equalsIgnoreCase(properties.getInboxStart());
        // Looked up when the processors are built: the source needs Axon's configuration itself.
        Function<org.axonframework.config.Configuration, StreamableMessageSource<TrackedEventMessage<?>>> kafka =
                c -> streamableKafkaMessageSource.getObject();
        int kafkaBatch = properties.getKafkaBatchSize();
        int sagaSegments = properties.getSagaSegments();
        return configurer -> configurer.eventProcessing()
                    .registerTrackingEventProcessor(LeaveEventInbox.PROCESSING_GROUP, kafka,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(kafkaBatch)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andInitialTrackingToken(source -> fromHead
                                            ? source.createHeadToken() : source.createTailToken())
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(LeaveEventInbox.PROCESSING_GROUP)))
                    .registerTrackingEventProcessor(EmployeeDirectoryProjection.PROCESSING_GROUP, kafka,
                            c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(kafkaBatch)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(EmployeeDirectoryProjection.PROCESSING_GROUP)))
                    .registerTrackingEventProcessor(LeaveNotificationSaga.PROCESSING_GROUP,
                            org.axonframework.config.Configuration::eventStore,
                            c -> TrackingEventProcessorConfiguration.forParallelProcessing(sagaSegments)
                                    .andInitialSegmentsCount(sagaSegments)
                                    .andTokenClaimInterval(claimMillis, TimeUnit.MILLISECONDS)
                                    .andBatchSize(properties.getSagaBatchSize())
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                                    .andEventTrackerStatusChangeListener(
                                            retries.listener(LeaveNotificationSaga.PROCESSING_GROUP)))
                    .registerListenerInvocationErrorHandler(LeaveNotificationSaga.PROCESSING_GROUP,
                            c -> new SagaEventDeadLetterer(deadLetters, LeaveNotificationSaga.PROCESSING_GROUP));
    }


    /**
     * Spreads the three processors' segments over the running instances (docs/adr/0030): each processor has a thread
     * per segment, so one instance can take everything; this releases what an instance holds beyond its share.
     */
    @Bean
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, @Qualifier("notificationInstanceId") String instanceId,
                                    EventProcessingConfiguration processing,
                                    @Value("${ledger.processors.balance-interval:2s}") Duration interval,
                                    @Value("${ledger.processors.instance-timeout:6s}") Duration instanceTimeout,
                                    @Value("${ledger.processors.token-claim-interval:5s}") Duration claimInterval) {
        return new SegmentBalancer(jdbc, instanceId, () -> {
            Map<String, StreamingEventProcessor> running = new LinkedHashMap<>();
            for (String name : List.of(LeaveEventInbox.PROCESSING_GROUP, EmployeeDirectoryProjection.PROCESSING_GROUP,
                    LeaveNotificationSaga.PROCESSING_GROUP)) {
                processing.eventProcessor(name, StreamingEventProcessor.class)
                        .filter(StreamingEventProcessor::isRunning)
                        .ifPresent(processor -> running.put(name, processor));
            }
            return running;
        }, new SegmentBalancer.Settings(interval, instanceTimeout, claimInterval.multipliedBy(2)));
    }

    /** Every processor puts the correlation id of the event it handles into the log context (docs/observability.md). */
    @Bean
    ConfigurerModule correlationIdLogContext() {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (config, processorName) -> new CorrelationIdLogContext(MetadataKeys.CORRELATION_ID));
    }

    /**
     * The leave saga's manager hands each event only to the segment its saga lives in (docs/adr/0023). Registered
     * after Spring's own registration of the {@code @Saga} (a later registration of a saga type replaces the
     * earlier); store, repository and everything else stay Axon's defaults.
     */
    @Bean
    ConfigurerModule segmentRoutedLeaveSaga() {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.eventProcessing().registerSaga(LeaveNotificationSaga.class, saga -> saga
                        .configureSagaManager(c -> new SegmentRoutedSagaManager<>(
                                AnnotatedSagaManager.<LeaveNotificationSaga>builder()
                                        .sagaType(LeaveNotificationSaga.class)
                                        .sagaRepository(c.eventProcessingConfiguration()
                                                .sagaConfiguration(LeaveNotificationSaga.class).repository())
                                        .parameterResolverFactory(c.parameterResolverFactory())
                                        .handlerDefinition(c.handlerDefinition(LeaveNotificationSaga.class))
                                        .listenerInvocationErrorHandler(c.eventProcessingConfiguration()
                                                .listenerInvocationErrorHandler(LeaveNotificationSaga.PROCESSING_GROUP))
                                        .spanFactory(c.getComponent(SagaManagerSpanFactory.class)))));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @Bean
    LeaveEventInbox leaveEventInbox(JdbcTemplate jdbc, EventBus eventBus) {
        return new LeaveEventInbox(jdbc, eventBus);
    }

    @Bean
    EmployeeDirectory employeeDirectory(JdbcTemplate jdbc, NotificationProperties properties, Clock clock) {
        return new EmployeeDirectory(jdbc, properties.getDirectoryCacheTtl(), clock);
    }

    @Bean
    EmployeeDirectoryProjection employeeDirectoryProjection(JdbcTemplate jdbc, EmployeeDirectory directory) {
        return new EmployeeDirectoryProjection(jdbc, directory);
    }

    // --- delivery ------------------------------------------------------------------------------------------

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService deliveryTimer(NotificationProperties properties) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(properties.getTimerThreads(),
                threads("delivery-timer"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService deliveryDispatchExecutor(NotificationProperties properties) {
        return Executors.newFixedThreadPool(properties.getDispatchThreads(), threads("delivery-dispatch"));
    }

    @Bean
    DeliveryStore deliveryStore(JdbcTemplate jdbc, ObjectMapper json) {
        return new DeliveryStore(jdbc, json);
    }

    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, Serializer serializer, MeterRegistry meters) {
        return new DeadLetterStore(jdbc, serializer, meters);
    }

    @Bean
    DeliveryEventLog deliveryEventLog(JdbcTemplate jdbc, ObjectMapper json) {
        return new DeliveryEventLog(jdbc, json);
    }

    @Bean
    OutcomeWriter outcomeWriter(JdbcTemplate jdbc, TransactionManager transactions, EventBus eventBus,
                                DeadLetterStore deadLetters, DeliveryEventLog deliveryEventLog, MeterRegistry meters,
                                NotificationProperties properties) {
        OutcomeWriter writer = new OutcomeWriter(jdbc, transactions, eventBus, deadLetters, deliveryEventLog, meters,
                properties.getOutcomeBatchSize(), properties.getOutcomeLinger(), properties.getLease());
        Gauge.builder("ledger.notifications.outcomes.backlog", writer, OutcomeWriter::backlog)
                .description("Delivery outcomes waiting to be written").register(meters);
        return writer;
    }

    @Bean
    Map<Channel, ResilientChannel> resilientChannels(NotificationProperties properties,
                                                     ObjectProvider<JavaMailSender> mailSender, ObjectMapper json,
                                                     ScheduledExecutorService deliveryTimer, MeterRegistry meters,
                                                     CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                                                     BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters) {
        HttpProviderClient http = new HttpProviderClient(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build(), json, properties.getCallTimeout());
        Map<Channel, ResilientChannel> channels = new EnumMap<>(Channel.class);
        NotificationProperties.Email email = properties.getEmail();
        ChannelSender emailSender = "smtp".equalsIgnoreCase(email.getType())
                ? new SmtpEmailSender(mailSender.getObject(), smtpExecutor(email), email.getFrom())
                : simulated("email", email, deliveryTimer);
        channels.put(Channel.EMAIL, resilient(Channel.EMAIL, emailSender, email, properties, deliveryTimer,
                circuitBreakers, retries, bulkheads, rateLimiters));
        NotificationProperties.HttpProvider sms = properties.getSms();
        ChannelSender smsSender = "http".equalsIgnoreCase(sms.getType())
                ? new HttpSmsSender(http, required(sms, "sms")) : simulated("sms", sms, deliveryTimer);
        channels.put(Channel.SMS, resilient(Channel.SMS, smsSender, sms, properties, deliveryTimer,
                circuitBreakers, retries, bulkheads, rateLimiters));
        NotificationProperties.HttpProvider push = properties.getPush();
        ChannelSender pushSender = "http".equalsIgnoreCase(push.getType())
                ? new HttpPushSender(http, required(push, "push")) : simulated("push", push, deliveryTimer);
        channels.put(Channel.PUSH, resilient(Channel.PUSH, pushSender, push, properties, deliveryTimer,
                circuitBreakers, retries, bulkheads, rateLimiters));
        return channels;
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RetryRegistry retryRegistry(MeterRegistry meters) {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        // Resilience4j counts calls (retried or not); this counts the retries themselves, from its retry events.
        registry.getEventPublisher().onEntryAdded(added -> {
            Retry retry = added.getAddedEntry();
            Counter retries = Counter.builder("ledger.notifications.retries")
                    .description("Provider calls that failed and are tried again after a backoff")
                    .tag("channel", retry.getName().toUpperCase(Locale.ROOT))
                    .register(meters);
            retry.getEventPublisher().onRetry(event -> retries.increment());
        });
        return registry;
    }

    @Bean
    BulkheadRegistry bulkheadRegistry(MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RateLimiterRegistry rateLimiterRegistry(MeterRegistry meters) {
        RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(Map<Channel, ResilientChannel> resilientChannels,
                                          EmployeeDirectory directory, OutcomeWriter outcomes, DeliveryStore store,
                                          ExecutorService deliveryDispatchExecutor,
                                          ScheduledExecutorService deliveryTimer, Clock clock, MeterRegistry meters) {
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(resilientChannels, directory, new MessageRenderer(),
                outcomes, store, deliveryDispatchExecutor, deliveryTimer, clock);
        Gauge.builder("ledger.notifications.deliveries.in_flight", dispatcher, DeliveryDispatcher::inFlight)
                .description("Deliveries this instance is driving (sending or waiting to retry)").register(meters);
        Gauge.builder("ledger.notifications.provider_calls.in_flight", dispatcher,
                        DeliveryDispatcher::providerCallsInFlight)
                .description("Provider calls waiting for an answer").register(meters);
        return dispatcher;
    }

    @Bean
    DeliveryCommandHandler deliveryCommandHandler(DeliveryStore store, DeliveryEventLog deliveryEventLog,
                                                  DeliveryDispatcher dispatcher, Clock clock,
                                                  @Qualifier("notificationInstanceId") String instanceId,
                                                  NotificationProperties properties, MeterRegistry meters) {
        return new DeliveryCommandHandler(store, deliveryEventLog, dispatcher, clock, instanceId,
                properties.getLease(), meters);
    }

    @Bean
    DeliveryRecovery deliveryRecovery(DeliveryStore store, DeliveryDispatcher dispatcher,
                                      @Qualifier("notificationInstanceId") String instanceId,
                                      NotificationProperties properties) {
        return new DeliveryRecovery(store, dispatcher, instanceId, properties.getLease(),
                properties.getRecoveryInterval());
    }

    // --- dead letters --------------------------------------------------------------------------------------

    @Bean(destroyMethod = "close")
    Producer<String, String> deadLetterProducer(@Value("${axon.kafka.bootstrap-servers}") String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "notification-saga-dlq");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                            Producer<String, String> deadLetterProducer, ObjectMapper json,
                                            NotificationProperties properties, DeadLetterStore store,
                                            MeterRegistry meters) {
        DeadLetterPublisher publisher = new DeadLetterPublisher(jdbc, new TransactionTemplate(transactionManager),
                deadLetterProducer, json, properties.getDeadLetters().getTopic(),
                properties.getDeadLetters().getPublishInterval(), store);
        Gauge.builder("ledger.notifications.dead_letters.open", publisher, DeadLetterPublisher::open)
                .description("Dead letters neither retried nor dismissed").register(meters);
        return publisher;
    }


    @Bean
    DeadLetterService deadLetterService(DeadLetterStore deadLetters, DeliveryStore deliveries,
                                        DeliveryDispatcher dispatcher, EventBus eventBus,
                                        TransactionManager transactions, Serializer serializer,
                                        EventProcessingConfiguration processing,
                                        CorrelationDataProvider ledgerCorrelationDataProvider, MeterRegistry meters,
                                        @Qualifier("notificationInstanceId") String instanceId,
                                        NotificationProperties properties) {
        java.util.function.Consumer<EventMessage<?>> sagaRedelivery = event -> {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
            unitOfWork.registerCorrelationDataProvider(ledgerCorrelationDataProvider);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                processing.sagaConfiguration(LeaveNotificationSaga.class).manager()
                        .handle(event, Segment.ROOT_SEGMENT);
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("the saga failed on the event again", result.exceptionResult());
            }
        };
        return new DeadLetterService(deadLetters, deliveries, dispatcher, eventBus, transactions, serializer,
                sagaRedelivery, meters, instanceId, properties.getLease());
    }

    // --- API description -----------------------------------------------------------------------------------

    /**
     * Describes the API at {@code /v3/api-docs} and declares the bearer-JWT scheme the API is
     * secured with: {@code sub} is the employee id, {@code roles} lists the caller's roles.
     */
    @Bean
    OpenAPI notificationSagaOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        String version = info == null ? "dev" : info.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Leave Ledger notification saga")
                        .description("Notification delivery status per channel and dead-letter administration.")
                        .version(version))
                .components(new Components().addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static ResilientChannel resilient(Channel channel, ChannelSender sender,
                                              NotificationProperties.Provider provider,
                                              NotificationProperties properties, ScheduledExecutorService timer,
                                              CircuitBreakerRegistry circuitBreakers, RetryRegistry retries,
                                              BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters) {
        NotificationProperties.Resilience r = provider.getResilience();
        String name = channel.name().toLowerCase();
        Retry retry = retries.retry(name, RetryConfig.custom()
                .maxAttempts(r.getMaxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(r.getInitialWait(), r.getMultiplier(),
                        r.getMaxWait()))
                .retryOnException(e -> !ResilientChannel.isPermanent(e))
                .build());
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(r.getFailureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(r.getSlidingWindowSize())
                .minimumNumberOfCalls(r.getMinimumNumberOfCalls())
                .waitDurationInOpenState(r.getWaitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(5)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(e -> !ResilientChannel.isPermanent(e))
                .build());
        Bulkhead bulkhead = bulkheads.bulkhead(name, BulkheadConfig.custom()
                .maxConcurrentCalls(r.getMaxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build());
        RateLimiter rateLimiter = rateLimiters.rateLimiter(name, RateLimiterConfig.custom()
                .limitForPeriod(r.getCallsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(r.getRateLimitTimeout())
                .build());
        return new ResilientChannel(channel, sender, retry, circuitBreaker, rateLimiter, bulkhead,
                properties.getCallTimeout(), timer);
    }

    private static SimulatedSender simulated(String name, NotificationProperties.Provider provider,
                                             ScheduledExecutorService timer) {
        return new SimulatedSender(name, provider.getSimulated().getLatency(),
                provider.getSimulated().getFailureRate(), timer);
    }

    private static java.net.URI required(NotificationProperties.HttpProvider provider, String name) {
        if (provider.getUrl() == null) {
            throw new IllegalStateException("ledger.notifications." + name + ".url is required for type http");
        }
        return provider.getUrl();
    }

    private static ThreadPoolExecutor smtpExecutor(NotificationProperties.Email email) {
        return new ThreadPoolExecutor(email.getThreads(), email.getThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(email.getQueueCapacity()), threads("smtp"),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
