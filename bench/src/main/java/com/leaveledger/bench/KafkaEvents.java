package com.leaveledger.bench;

import com.leaveledger.kernel.LedgerEvent;
import com.leaveledger.kernel.LedgerObjectMapper;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Ledger events onto a topic as the command side's publisher writes them: axon-kafka's record format, the shared
 * kernel's JSON, the employee as the record key, every record acknowledged by all replicas.
 */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    /** A producer batching up to {@code batchBytes} per partition, waiting at most {@code lingerMs} for a batch. */
    public static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs, int batchBytes,
                                                         long bufferBytes) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, bufferBytes);
        return new KafkaProducer<>(config);
    }

    /** The record format: the kernel's JSON, keyed by the employee an event concerns. */
    public static DefaultKafkaMessageConverter converter() {
        return DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build())
                .sequencingPolicy(event -> ((LedgerEvent) event.getPayload()).employeeId().value())
                .build();
    }
}
