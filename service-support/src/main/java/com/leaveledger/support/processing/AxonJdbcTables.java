package com.leaveledger.support.processing;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * Axon's JDBC stores on the services' Flyway tables, whose columns are snake_case where Axon's defaults are camelCase:
 * the token table, the sequenced dead-letter queue ({@code dead_letter_entry}) and the event store (the command side's
 * and the notification saga's; docs/adr/0013, docs/adr/0045). The services' Flyway migrations create these tables;
 * Axon never creates or alters them.
 */
public final class AxonJdbcTables {

    private AxonJdbcTables() {
    }

    /** {@code token_entry}: one row per processor segment, its position and its owner. */
    public static TokenSchema tokens() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** {@code domain_event_entry}: an event store's events, numbered by the database ({@code global_index}). */
    public static EventSchema events() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** {@code dead_letter_entry}: the sequenced dead letters of every processing group of the service. */
    public static DeadLetterSchema deadLetters() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * A processing group's queue in {@link #deadLetters()}, in the transaction of the processor's batch (Axon's
     * connection provider hands out the unit of work's connection), bounded by {@code maxSequences} employees with
     * dead letters and {@code maxSequenceSize} letters each.
     */
    public static JdbcSequencedDeadLetterQueue<EventMessage<?>> deadLetterQueue(
            Configuration config, String processingGroup, int maxSequences, int maxSequenceSize) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(processingGroup)
                .schema(deadLetters())
                .maxSequences(maxSequences)
                .maxSequenceSize(maxSequenceSize)
                .connectionProvider(config.getComponent(ConnectionProvider.class))
                .transactionManager(config.getComponent(TransactionManager.class))
                .eventSerializer(config.eventSerializer())
                .genericSerializer(config.serializer())
                .build();
    }
}
