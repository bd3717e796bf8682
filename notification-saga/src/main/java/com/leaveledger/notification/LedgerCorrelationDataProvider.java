package com.leaveledger.notification;

import com.leaveledger.kernel.MetadataKeys;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * The metadata every message caused here carries (BRIEF §5.4): the correlation id and actor of the message that
 * caused it, and that message's id as causation id. So a delivery, its outcome events and its dead letter trace
 * back to the domain event and the HTTP request behind it. Events read from Kafka are copied into the saga's
 * inbox unchanged: for those the original metadata passes through as it is.
 */
public class LedgerCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlationId = message.getMetaData().get(MetadataKeys.CORRELATION_ID);
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        if (fromKafka(message)) {
            copy(message, data, MetadataKeys.CORRELATION_ID);
            copy(message, data, MetadataKeys.ACTOR);
            copy(message, data, MetadataKeys.CAUSATION_ID);
            return data;
        }
        data.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        if (actor != null) {
            data.put(MetadataKeys.ACTOR, actor);
        }
        data.put(MetadataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }

    private static boolean fromKafka(Message<?> message) {
        if (!(message instanceof TrackedEventMessage<?> tracked)) {
            return false;
        }
        TrackingToken token = tracked.trackingToken();
        return WrappedToken.unwrap(token, KafkaTrackingToken.class).isPresent();
    }

    private static void copy(Message<?> message, Map<String, Object> data, String key) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
