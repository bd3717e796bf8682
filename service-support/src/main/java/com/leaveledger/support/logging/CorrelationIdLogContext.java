package com.leaveledger.support.logging;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the event being handled into the log context, under the MDC key the HTTP side uses
 * ({@value #MDC_KEY}, shown by {@code logging.pattern.correlation}). Every line logged while an event processor
 * handles the event then names the HTTP request that caused it, so {@code grep <correlation-id>} follows a request
 * across the services. Register it for every processor of a service with
 * {@code EventProcessingConfigurer.registerDefaultHandlerInterceptor}; the log context is restored afterwards (a
 * batch's next event, or an outer handler, gets its own id back).
 */
public final class CorrelationIdLogContext implements MessageHandlerInterceptor<EventMessage<?>> {

    /** The MDC key of the correlation id, the same as {@code CorrelationIdFilter}'s. */
    public static final String MDC_KEY = "correlationId";

    private final String metadataKey;

    /** @param metadataKey the event metadata entry holding the correlation id */
    public CorrelationIdLogContext(String metadataKey) {
        this.metadataKey = metadataKey;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(metadataKey);
        if (correlationId == null) {
            return interceptorChain.proceed();
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, correlationId.toString());
        try {
            return interceptorChain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }
}
