package com.leaveledger.command.infra;

import com.leaveledger.kernel.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies onto every event the correlation id of the HTTP request, the id of the command that caused it
 * (causation) and the actor, so a notification can be traced back to the request that caused it.
 */
public class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>(4);
        data.put(MetadataKeys.CORRELATION_ID,
                message.getMetaData().getOrDefault(MetadataKeys.CORRELATION_ID, message.getIdentifier()));
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        if (actor != null) {
            data.put(MetadataKeys.ACTOR, actor);
        }
        return data;
    }
}
