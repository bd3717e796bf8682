package com.leaveledger.notification.deadletter;

import com.leaveledger.notification.directory.EmployeeDirectoryProjection;
import com.leaveledger.notification.saga.LeaveEventInbox;
import com.leaveledger.support.processing.AxonJdbcTables;
import com.leaveledger.support.processing.DeadLetterAdmin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Kafka-fed processors' dead letters (docs/adr/0031): an event their handler fails on is dead-lettered under its
 * employee in Axon's sequenced queue (its JDBC queue on {@code dead_letter_entry}, docs/adr/0045); database trouble
 * fails the batch instead ({@link ProcessorDeadLetterPolicy}). Listed, retried and dismissed through
 * {@code /admin/processors/{name}/dead-letters},
 * counted by {@code ledger.processor.dead_letters{processor}} (alert ProcessorDeadLetters). The saga keeps dead
 * letters of its own (docs/adr/0021).
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorDeadLetterConfiguration {

    /** Bounds of each queue: employees with dead letters, letters per employee (Axon's defaults). */
    private static final int MAX_SEQUENCES = 1024;
    private static final int MAX_SEQUENCE_SIZE = 1024;

    /** The processors that dead-letter into Axon's sequenced queue. */
    public static final List<String> AXON_QUEUED_PROCESSORS = List.of(LeaveEventInbox.PROCESSING_GROUP,
            EmployeeDirectoryProjection.PROCESSING_GROUP);

    @Bean
    ConfigurerModule processorDeadLetterQueues() {
        return configurer -> {
            for (String group : AXON_QUEUED_PROCESSORS) {
                configurer.eventProcessing()
                        .registerSequencingPolicy(group, c -> new EmployeeSequencingPolicy())
                        .registerDeadLetterQueue(group, c -> AxonJdbcTables.deadLetterQueue(c, group, MAX_SEQUENCES,
                                MAX_SEQUENCE_SIZE))
                        .registerDeadLetterPolicy(group, c -> new ProcessorDeadLetterPolicy())
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, builder) -> builder
                                .enableSequenceIdentifierCache());
            }
        };
    }

    @Bean
    DeadLetterAdmin processorDeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                         MeterRegistry meters) {
        DeadLetterAdmin admin = new DeadLetterAdmin(processing, jdbc, AXON_QUEUED_PROCESSORS);
        for (String processor : AXON_QUEUED_PROCESSORS) {
            Gauge.builder("ledger.processor.dead_letters", admin, a -> a.count(processor))
                    .description("Events in the processor's dead-letter queue (Axon's, dead_letter_entry)")
                    .tag("processor", processor).register(meters);
        }
        return admin;
    }
}
