package com.leaveledger.support.processing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A token store whose writes of a position alone do not wait for the disk (docs/adr/0024). Before such a write it
 * runs {@code set local synchronous_commit = off} in the write's transaction, so that transaction's commit returns
 * without waiting for its WAL flush. A position alone is:
 * <ul>
 *   <li>a token stored outside a unit of work: a tracking processor's batch in which its segment handled nothing
 *       (Axon stores the position in a transaction of its own, one per segment per event at a moderate rate);</li>
 *   <li>claims: fetching (claiming), extending and releasing;</li>
 *   <li>every write of the processors named in {@code derivedProcessors}, whose whole transaction may be lost and
 *       done again: everything it writes is derived from a source the processor can read again. If PostgreSQL
 *       crashes, the transactions it loses are the last ones, with their positions, and the processor reads those
 *       records again (the notification saga's inbox and directory read a Kafka topic; the command side's
 *       publisher writes only its position in the event store, and publishing again is what Kafka consumers
 *       already deduplicate).</li>
 * </ul>
 * A durable commit that follows flushes every earlier commit with it (the WAL is one sequence), so nothing that
 * was committed durably ever depends on a lost asynchronous one. Writes in other units of work (a processor's batch
 * with work in it) are left as the connection has them.
 */
public class AsyncCommitTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final Runnable relax;
    private final Set<String> derivedProcessors;

    public AsyncCommitTokenStore(TokenStore delegate, Runnable relax, Set<String> derivedProcessors) {
        this.delegate = delegate;
        this.relax = relax;
        this.derivedProcessors = Set.copyOf(derivedProcessors);
    }

    /** Relaxes the commit of the Spring-managed transaction {@code jdbc} takes part in, if there is one. */
    public static Runnable relaxing(JdbcTemplate jdbc) {
        return () -> {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                jdbc.execute("set local synchronous_commit = off");
            }
        };
    }

    private void positionOnly(String processorName) {
        if (!CurrentUnitOfWork.isStarted() || derivedProcessors.contains(processorName)) {
            relax.run();
        }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        positionOnly(processorName);
        delegate.storeToken(token, processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        positionOnly(processorName);
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        positionOnly(processorName);
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        positionOnly(processorName);
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        positionOnly(processorName);
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
