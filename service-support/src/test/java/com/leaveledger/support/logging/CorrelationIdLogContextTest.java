package com.leaveledger.support.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationIdLogContextTest {

    private final CorrelationIdLogContext context = new CorrelationIdLogContext("correlationId");
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void clearLogContext() {
        MDC.clear();
    }

    @Test
    void theEventsCorrelationIdIsInTheLogContextWhileItIsHandledAndGoneAfterwards() throws Exception {
        handle(event(MetaData.with("correlationId", "corr-1")));

        assertThat(seen).containsExactly("corr-1");
        assertThat(MDC.get(CorrelationIdLogContext.MDC_KEY)).isNull();
    }

    @Test
    void anOuterCorrelationIdIsRestoredAfterANestedEvent() throws Exception {
        MDC.put(CorrelationIdLogContext.MDC_KEY, "outer");

        handle(event(MetaData.with("correlationId", "inner")));

        assertThat(seen).containsExactly("inner");
        assertThat(MDC.get(CorrelationIdLogContext.MDC_KEY)).isEqualTo("outer");
    }

    @Test
    void anEventWithoutCorrelationIdLeavesTheLogContextAlone() throws Exception {
        MDC.put(CorrelationIdLogContext.MDC_KEY, "outer");

        handle(event(MetaData.emptyInstance()));

        assertThat(seen).containsExactly("outer");
        assertThat(MDC.get(CorrelationIdLogContext.MDC_KEY)).isEqualTo("outer");
    }

    @Test
    void theLogContextIsRestoredWhenTheHandlerFails() {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(
                event(MetaData.with("correlationId", "failing")));
        try {
            assertThatThrownBy(() -> context.handle(unitOfWork, () -> {
                throw new IllegalStateException("handler failed");
            })).hasMessage("handler failed");
        } finally {
            unitOfWork.rollback();
        }
        assertThat(MDC.get(CorrelationIdLogContext.MDC_KEY)).isNull();
    }

    private void handle(EventMessage<?> event) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            context.handle(unitOfWork, () -> {
                seen.add(MDC.get(CorrelationIdLogContext.MDC_KEY));
                return null;
            });
        } finally {
            unitOfWork.commit();
        }
    }

    private static EventMessage<?> event(MetaData metaData) {
        return GenericEventMessage.asEventMessage("payload").andMetaData(metaData);
    }
}
