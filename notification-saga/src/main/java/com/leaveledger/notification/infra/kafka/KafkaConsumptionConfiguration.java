package com.leaveledger.notification.infra.kafka;

import com.leaveledger.support.infra.ArrivalOrderBuffer;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka source of {@code notification-inbox} and {@code employee-directory}: axon-kafka's
 * {@link StreamableKafkaMessageSource} over all partitions of the events topic, positions kept as tracking tokens in
 * PostgreSQL, with this package's two corrections (package-info). Topic and buffer size are axon-kafka's own settings
 * ({@code axon.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConsumptionConfiguration {

    /**
     * Records are handed over in fetch order ({@link ArrivalOrderBuffer}; the timestamp-sorted default loses events
     * under load), and the tail token is the start of every partition ({@link #fromEveryPartitionsStart}).
     */
    @Bean
    @SuppressWarnings({"rawtypes", "unchecked"})
    StreamableKafkaMessageSource<String, byte[]> streamableKafkaMessageSource(
            @Qualifier("eventSerializer") Serializer eventSerializer, ConsumerFactory axonKafkaConsumerFactory,
            Fetcher kafkaFetcher, KafkaMessageConverter kafkaMessageConverter, KafkaProperties kafka) {
        int bufferSize = kafka.getFetcher().getBufferSize();
        return fromEveryPartitionsStart(StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(kafka.getDefaultTopic()))
                .serializer(eventSerializer)
                .consumerFactory(axonKafkaConsumerFactory)
                .fetcher(kafkaFetcher)
                .messageConverter(kafkaMessageConverter)
                .bufferFactory(() -> new ArrivalOrderBuffer<>(bufferSize)));
    }

    /**
     * A source whose tail token is the start of every partition, so that a first run and a reset
     * ({@code resetTokens()}) read the topic from the beginning: axon-kafka's {@code createTailToken()} answers
     * {@code null}.
     */
    static StreamableKafkaMessageSource<String, byte[]> fromEveryPartitionsStart(
            StreamableKafkaMessageSource.Builder<String, byte[]> builder) {
        return new StreamableKafkaMessageSource<>(builder) {
            @Override
            public TrackingToken createTailToken() {
                return KafkaTrackingToken.emptyToken();
            }
        };
    }
}
