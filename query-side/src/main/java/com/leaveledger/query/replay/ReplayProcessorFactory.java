package com.leaveledger.query.replay;

import com.leaveledger.query.projection.DeadLetterPolicy;
import com.leaveledger.query.projection.EmployeeSequencingPolicy;
import com.leaveledger.query.projection.ProjectionCatalog;
import com.leaveledger.query.projection.ProjectionDefinition;
import java.util.function.BiFunction;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.DeadLetteringEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Builds the processor that rebuilds one projection from the start of the topic into its shadow tables: a
 * tracking event processor named {@code <projection>-replay} with its own tokens and dead-letter queue, whose only
 * handler is a fresh projection instance writing {@code <table>_shadow}. It starts from the tail (offset 0 of every
 * partition) when it has no token, and from its token otherwise — that is what makes a replay resumable. Nothing
 * else is attached to it (no interceptors, no other handlers), so a replay can have no side effect.
 */
public class ReplayProcessorFactory {

    private final Configuration axon;
    private final ProjectionCatalog catalog;
    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final TokenStore tokenStore;
    private final TransactionManager transactionManager;
    private final BiFunction<Configuration, String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueues;
    private final int segments;
    private final int batchSize;
    private final int sequenceCacheSize;

    public ReplayProcessorFactory(Configuration axon, ProjectionCatalog catalog,
                                  StreamableMessageSource<TrackedEventMessage<?>> source, TokenStore tokenStore,
                                  TransactionManager transactionManager,
                                  BiFunction<Configuration, String, SequencedDeadLetterQueue<EventMessage<?>>> deadLetterQueues,
                                  int segments, int batchSize, int sequenceCacheSize) {
        this.axon = axon;
        this.catalog = catalog;
        this.source = source;
        this.tokenStore = tokenStore;
        this.transactionManager = transactionManager;
        this.deadLetterQueues = deadLetterQueues;
        this.segments = segments;
        this.batchSize = batchSize;
        this.sequenceCacheSize = sequenceCacheSize;
    }

    public ReplayProcessor create(ProjectionDefinition projection) {
        String name = projection.replayProcessorName();
        Object handler = catalog.shadow(projection.name());
        DeadLetteringEventHandlerInvoker invoker = DeadLetteringEventHandlerInvoker.builder()
                .eventHandlers(handler)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(handler.getClass()))
                .sequencingPolicy(new EmployeeSequencingPolicy())
                .queue(deadLetterQueues.apply(axon, name))
                .enqueuePolicy(new DeadLetterPolicy())
                .transactionManager(transactionManager)
                .enableSequenceIdentifierCache()
                .sequenceIdentifierCacheSize(sequenceCacheSize)
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker)
                .messageSource(source)
                .tokenStore(tokenStore)
                .transactionManager(transactionManager)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forParallelProcessing(segments)
                        .andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                        .andThreadFactory(n -> new AxonThreadFactory("Replay[" + n + "]")))
                .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                .errorHandler(PropagatingErrorHandler.instance())
                .storingTokensAfterProcessing()
                .build();
        return new ReplayProcessor(processor);
    }
}
