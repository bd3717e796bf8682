package com.leaveledger.support.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** Which token writes are relaxed; {@code ServiceBasicsIT} (notification-saga) shows the setting in PostgreSQL. */
class AsyncCommitTokenStoreTest {

    private final List<String> relaxed = new ArrayList<>();
    private final InMemoryTokenStore delegate = new InMemoryTokenStore();
    private final AsyncCommitTokenStore store = new AsyncCommitTokenStore(delegate, () -> relaxed.add("relaxed"),
            Set.of("inbox"));

    @Test
    void aPositionStoredOutsideAUnitOfWorkIsRelaxed() {
        delegate.initializeTokenSegments("saga", 1);

        store.storeToken(new GlobalSequenceTrackingToken(7), "saga", 0);

        assertThat(relaxed).hasSize(1);
        assertThat(delegate.fetchToken("saga", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aTokenStoredWithTheWorkOfABatchIsLeftDurable() {
        delegate.initializeTokenSegments("saga", 1);

        inUnitOfWork(() -> store.storeToken(new GlobalSequenceTrackingToken(7), "saga", 0));

        assertThat(relaxed).isEmpty();
        assertThat(delegate.fetchToken("saga", 0)).isEqualTo(new GlobalSequenceTrackingToken(7));
    }

    @Test
    void aProcessorWhoseWorkIsDerivedIsRelaxedWithItsWork() {
        delegate.initializeTokenSegments("inbox", 1);

        inUnitOfWork(() -> store.storeToken(new GlobalSequenceTrackingToken(3), "inbox", 0));

        assertThat(relaxed).hasSize(1);
    }

    @Test
    void claimsAreRelaxedAndSetUpIsNot() {
        store.initializeTokenSegments("saga", 2);
        assertThat(relaxed).isEmpty();

        store.fetchToken("saga", 0);
        store.extendClaim("saga", 0);
        store.releaseClaim("saga", 0);

        assertThat(relaxed).hasSize(3);
        assertThat(store.fetchSegments("saga")).containsExactly(0, 1);
    }

    private static void inUnitOfWork(Runnable work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } finally {
            unitOfWork.commit();
        }
    }
}
