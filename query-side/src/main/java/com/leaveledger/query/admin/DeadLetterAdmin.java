package com.leaveledger.query.admin;

import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection's dead letters (Axon's sequenced dead-letter queue in {@code dead_letter_entry}): listed straight from
 * the table, retried through Axon's dead-letter processor, which hands each sequence, oldest letter first, to the
 * projection again and removes the letters it handled.
 */
public class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    public DeadLetterAdmin(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    public PageResult<Letter> list(String projection, PageRequest page) {
        Long total = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, projection);
        List<Letter> letters = jdbc.query("select dead_letter_id, sequence_identifier, sequence_index, "
                        + "event_identifier, payload_type, aggregate_identifier, sequence_number, time_stamp, "
                        + "enqueued_at, last_touched, cause_type, cause_message, convert_from(payload, 'UTF8') as payload "
                        + "from dead_letter_entry where processing_group = ? "
                        + "order by sequence_identifier, sequence_index limit ? offset ?",
                (rs, row) -> {
                    long seq = rs.getLong("sequence_number");
                    Long sequenceNumber = rs.wasNull() ? null : seq;
                    return new Letter(rs.getString("dead_letter_id"), rs.getString("sequence_identifier"),
                            rs.getLong("sequence_index"), rs.getString("event_identifier"),
                            simple(rs.getString("payload_type")), rs.getString("aggregate_identifier"),
                            sequenceNumber, rs.getString("time_stamp"), instant(rs.getObject("enqueued_at",
                            OffsetDateTime.class)), instant(rs.getObject("last_touched", OffsetDateTime.class)),
                            rs.getString("cause_type"), rs.getString("cause_message"), rs.getString("payload"));
                }, projection, page.size(), page.offset());
        return PageResult.of(letters, page, total == null ? 0 : total);
    }

    /** Retries every dead-lettered sequence once; letters that fail again stay (with their new cause). */
    public RetryOutcome retry(String projection) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + projection));
        long sequencesBefore = sequences(projection);
        long lettersBefore = letters(projection);
        int failures = 0;
        for (long attempt = 0; attempt < sequencesBefore; attempt++) {
            try {
                processor.processAny();
            } catch (RuntimeException e) {
                failures++;
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.warn("retrying dead letters of {}: a sequence failed again: {}", projection, cause.toString(),
                        cause);
            }
        }
        long sequencesAfter = sequences(projection);
        long lettersAfter = letters(projection);
        return new RetryOutcome(projection, sequencesBefore, sequencesBefore - sequencesAfter, lettersBefore - lettersAfter,
                lettersAfter, failures);
    }

    private long sequences(String projection) {
        Long count = jdbc.queryForObject("select count(distinct sequence_identifier) from dead_letter_entry "
                + "where processing_group = ?", Long.class, projection);
        return count == null ? 0 : count;
    }

    private long letters(String projection) {
        Long count = jdbc.queryForObject("select count(*) from dead_letter_entry where processing_group = ?",
                Long.class, projection);
        return count == null ? 0 : count;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static String simple(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    /** One dead letter: its sequence (employee id) and place in it, the event, and why it failed last. */
    public record Letter(String id, String sequence, long index, String eventId, String eventType,
                         String aggregateId, Long aggregateSequence, String eventTimestamp, Instant enqueuedAt,
                         Instant lastTouched, String causeType, String causeMessage,
                         @com.fasterxml.jackson.annotation.JsonRawValue String payload) {
    }

    public record RetryOutcome(String projection, long sequencesTried, long sequencesCleared, long lettersHandled,
                               long lettersLeft, int failedAttempts) {
    }
}
