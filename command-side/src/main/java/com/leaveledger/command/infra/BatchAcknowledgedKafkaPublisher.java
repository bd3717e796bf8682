package com.leaveledger.command.infra;

import com.leaveledger.kernel.MetadataKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Serializer;

/**
 * axon-kafka's publisher, except that a batch waits for Kafka's acknowledgements once instead of once per record
 * (docs/adr/0005).
 * <p>
 * In {@code wait_for_ack} mode axon-kafka's {@link KafkaPublisher} blocks on every record until the broker
 * acknowledged it, so a publisher segment sends one record per round trip (linger, request, replication):
 * under load the outbox fell tens of seconds behind the event store. Here every record of the processor's batch is
 * sent at once and the batch waits for all acknowledgements in its prepare-commit phase: in the processor's
 * database transaction, after the token update was written and before that transaction commits. If any record is
 * not acknowledged in time the exception rolls the transaction back, the token does not move, and the batch is
 * published again (at least once, as before: consumers deduplicate by event id). The producer, the record format
 * (key, headers) and the topic are axon-kafka's, plus a standard W3C {@code traceparent} header beside axon-kafka's
 * {@code axon-metadata-traceparent} when the event carries a trace context (docs/adr/0042), for tools that read it.
 */
public class BatchAcknowledgedKafkaPublisher extends KafkaPublisher<String, byte[]> {

    private static final String SENT_IN_BATCH = BatchAcknowledgedKafkaPublisher.class.getName() + ".sent";

    private final ProducerFactory<String, byte[]> producers;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final TopicResolver topics;
    private final Duration ackTimeout;

    public BatchAcknowledgedKafkaPublisher(ProducerFactory<String, byte[]> producers,
                                           KafkaMessageConverter<String, byte[]> converter, TopicResolver topics,
                                           Serializer serializer, Duration ackTimeout) {
        super(KafkaPublisher.<String, byte[]>builder()
                .producerFactory(producers)
                .messageConverter(converter)
                .topicResolver(topics)
                .serializer(serializer)
                .publisherAckTimeout(ackTimeout.toMillis()));
        if (producers.confirmationMode().isTransactional()) {
            throw new IllegalArgumentException("a batch-acknowledged publisher needs a non-transactional producer");
        }
        this.producers = producers;
        this.converter = converter;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        Optional<String> topic = topics.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("events are published from the publisher processor's unit of work");
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<Future<RecordMetadata>> sent = batch.getOrComputeResource(SENT_IN_BATCH, key -> {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcknowledgements(futures));
            return futures;
        });
        Producer<String, byte[]> producer = producers.createProducer();
        try {
            ProducerRecord<String, byte[]> record = converter.createKafkaMessage(event, topic.get());
            Object traceparent = event.getMetaData().get(MetadataKeys.TRACEPARENT);
            if (traceparent != null) {
                record.headers().add(MetadataKeys.TRACEPARENT, traceparent.toString().getBytes(StandardCharsets.UTF_8));
            }
            sent.add(producer.send(record));
        } finally {
            producer.close(); // the shared non-transactional producer: closing it is a no-op
        }
    }

    private void awaitAcknowledgements(List<Future<RecordMetadata>> futures) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        for (Future<RecordMetadata> future : futures) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublicationFailedException("interrupted while waiting for Kafka's acknowledgements", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new EventPublicationFailedException(
                        "Kafka did not acknowledge every record of the batch; the batch will be published again", e);
            }
        }
    }
}
