package com.leaveledger.command.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.LedgerObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The publisher sends a batch's records without waiting and waits for their acknowledgements once, before the
 * batch's transaction commits; a record Kafka does not acknowledge rolls the whole batch back (its token stays).
 * Kafka's own {@link MockProducer} stands in for the broker so that acknowledgements can be held back and failed.
 */
class BatchAcknowledgedKafkaPublisherTest {

    /** Like axon-kafka's shared producer, closing it after each send does nothing. */
    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(false, new StringSerializer(), new ByteArraySerializer()) {
                @Override
                public void close() {
                }

                @Override
                public void close(Duration timeout) {
                }
            };
    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final BatchAcknowledgedKafkaPublisher publisher = new BatchAcknowledgedKafkaPublisher(
            new ProducerFactory<>() {
                @Override
                public Producer<String, byte[]> createProducer() {
                    return kafka;
                }

                @Override
                public ConfirmationMode confirmationMode() {
                    return ConfirmationMode.WAIT_FOR_ACK;
                }

                @Override
                public void shutDown() {
                }
            },
            DefaultKafkaMessageConverter.builder().serializer(serializer).build(),
            event -> Optional.of("leave-ledger.events"), serializer, Duration.ofSeconds(5));

    @Test
    void aBatchSendsEveryRecordAtOnceAndCommitsOnlyOnceAllAreAcknowledged() throws Exception {
        List<EventMessage<?>> batch = events(3);
        List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());
        UnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.onCommit(u -> phases.add("committed"));
        unitOfWork.onRollback(u -> phases.add("rolled back"));
        // acknowledge once all three were sent: publish() would block forever if it waited per record. Each
        // acknowledgement is noted before it is given: once the third is given, the commit may follow at once.
        Thread acker = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() == 3);
            for (int i = 0; i < 3; i++) {
                phases.add("acknowledged");
                kafka.completeNext();
            }
        });
        acker.start();

        unitOfWork.executeWithResult(() -> {
            publisher.send(unitOfWork.getMessage());
            return null;
        });
        acker.join(10_000);

        assertThat(kafka.history()).hasSize(3);
        assertThat(phases).containsExactly("acknowledged", "acknowledged", "acknowledged", "committed");
    }

    @Test
    void aRecordKafkaRefusesRollsTheWholeBatchBack() throws Exception {
        List<EventMessage<?>> batch = events(3);
        List<String> phases = new ArrayList<>();
        UnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.onCommit(u -> phases.add("committed"));
        unitOfWork.onRollback(u -> phases.add("rolled back"));
        Thread broker = new Thread(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> kafka.history().size() == 3);
            kafka.completeNext();
            kafka.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("replica down"));
            kafka.completeNext();
        });
        broker.start();

        var result = unitOfWork.executeWithResult(() -> {
            publisher.send(unitOfWork.getMessage());
            return null;
        });
        broker.join(10_000);

        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasMessageContaining("will be published again");
        assertThat(phases).containsExactly("rolled back");
    }

    private static List<EventMessage<?>> events(int count) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(GenericEventMessage.asEventMessage("event " + i));
        }
        return events;
    }
}
