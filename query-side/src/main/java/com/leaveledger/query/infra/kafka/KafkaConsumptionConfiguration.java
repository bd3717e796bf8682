package com.leaveledger.query.infra.kafka;

import com.leaveledger.support.infra.ArrivalOrderBuffer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Reading the events topic: axon-kafka's {@link StreamableKafkaMessageSource} (every partition, no consumer group,
 * positions in the processors' tokens) with this package's corrections (package-info), and a Kafka admin client for
 * end offsets. Topic, servers and buffer size are axon-kafka's own settings ({@code axon.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConsumptionConfiguration {

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
            KafkaProperties kafka) {
        int bufferSize = kafka.getFetcher().getBufferSize();
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(List.of(kafka.getDefaultTopic()))
                .serializer(serializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new ArrivalOrderBuffer<>(bufferSize, PublishedEventMessage::stamp))
                .build();
    }

    /**
     * The source replays read, and the live projections directly or through a {@link SharedEventSource}: tokens that always
     * name every partition. Primary: with the shared source switched off, the live source is this same object.
     */
    @Bean
    @Primary
    AllPartitionsMessageSource allPartitionsMessageSource(StreamableKafkaMessageSource<String, byte[]> kafkaSource,
                                                          Admin kafkaAdmin, KafkaProperties kafka) {
        return new AllPartitionsMessageSource(kafkaSource,
                AllPartitionsMessageSource.partitionsOf(kafkaAdmin, kafka.getDefaultTopic()));
    }

    /** Kafka admin client: the topic's end offsets, for each projection's lag and a replay's total. */
    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(KafkaProperties kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, 
                String.join(",", kafka.getBootstrapServers()),
                AdminClientConfig.CLIENT_ID_CONFIG, "query-side-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }
}
