package com.leaveledger.support.processing;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dead letters of a service's event processors that use Axon's sequenced dead-letter queue
 * ({@code JdbcSequencedDeadLetterQueue}, table {@code dead_letter_entry} in the service's schema,
 * {@link AxonJdbcTables#deadLetters()}): listed by page straight from the table (letter ids, sequence places and the
 * stored JSON, which Axon's {@link DeadLetter} does not expose), counted, retried and dismissed through Axon's
 * {@link SequencedDeadLetterQueue} interface: a retry through Axon's dead-letter processor, which hands each sequence,
 * oldest letter first, to the processor's handlers again and removes the letters they handled; a dismissal through
 * {@link SequencedDeadLetterQueue#evict}, the engineer's name and reason logged. The query side's projections and the
 * notification saga's Kafka-fed processors use it behind their admin APIs (docs/adr/0012, 0031, 0045).
 */
public class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Set<String> processors;

    /** {@code processors}: the processing groups with a sequenced dead-letter queue that this admin answers for. */
    public DeadLetterAdmin(EventProcessingConfiguration processing, JdbcTemplate jdbc, Collection<String> processors) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.processors = Set.copyOf(processors);
    }

    /** Whether {@code processor} is one of the processing groups this admin answers for. */
    public boolean administers(String processor) {
        return processors.contains(processor);
    }

    /** The processor's letters by sequence (employee id) and order, {@code limit} from {@code offset} on. */
    public Letters list(String processor, int limit, long offset) {
        requireAdministered(processor);
        List<Letter> letters = jdbc.query(LETTERS + "where processing_group = ? "
                + "order by sequence_identifier, sequence_index limit ? offset ?", DeadLetterAdmin::letter,
                processor, limit, offset);
        return new Letters(letters, count(processor));
    }

    /** One of the processor's letters, by its id. */
    public Optional<Letter> find(String processor, String letterId) {
        requireAdministered(processor);
        return jdbc.query(LETTERS + "where processing_group = ? and dead_letter_id = ?", DeadLetterAdmin::letter,
                processor, letterId).stream().findFirst();
    }

    /**
     * Dismisses one letter: Axon's queue evicts it, so that the letters behind it in its sequence are the ones a retry
     * hands to the processor next (or, if it was the last, the employee's events flow again). Answers empty when the
     * processor has no letter {@code letterId} (never had, or dismissed or handled meanwhile).
     */
    public Optional<Dismissal> dismiss(String processor, String letterId, String actor, String reason) {
        Optional<Letter> found = find(processor, letterId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Letter letter = found.get();
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        Optional<DeadLetter<? extends EventMessage<?>>> queued = StreamSupport
                .stream(queue.deadLetterSequence(letter.sequence()).spliterator(), false)
                .filter(queuedLetter -> isThe(letter, queuedLetter))
                .findFirst();
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        queue.evict(queued.get());
        Dismissal dismissal = new Dismissal(processor, letter, actor, Instant.now(), reason);
        log.warn("dead letter {} of {} dismissed by {}: {} (sequence {}, index {}, event {} {}, cause {}: {})",
                letterId, processor, actor, reason, letter.sequence(), letter.index(), letter.eventType(),
                letter.eventId(), letter.causeType(), letter.causeMessage());
        return Optional.of(dismissal);
    }

    /** Retries every dead-lettered sequence once; letters that fail again stay (with their new cause). */
    public RetryOutcome retry(String processor) {
        requireAdministered(processor);
        SequencedDeadLetterProcessor<EventMessage<?>> deadLetters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + processor));
        long sequencesBefore = sequences(processor);
        long lettersBefore = count(processor);
        int failures = 0;
        for (long attempt = 0; attempt < sequencesBefore; attempt++) {
            try {
                deadLetters.processAny();
            } catch (RuntimeException e) {
                failures++;
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                log.warn("retrying dead letters of {}: a sequence failed again: {}", processor, cause.toString(),
                        cause);
            }
        }
        long sequencesAfter = sequences(processor);
        long lettersAfter = count(processor);
        return new RetryOutcome(sequencesBefore, sequencesBefore - sequencesAfter, lettersBefore - lettersAfter,
                lettersAfter, failures);
    }

    /**
     * Whether the queue's letter is the listed one: Axon's letter carries no id, but one event enqueued at one
     * millisecond (the queue's precision) is one letter of the sequence.
     */
    private static boolean isThe(Letter letter, DeadLetter<? extends EventMessage<?>> queued) {
        return queued.message().getIdentifier().equals(letter.eventId())
                && queued.enqueuedAt().equals(letter.enqueuedAt());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        requireAdministered(processor);
        return processing.deadLetterQueue(processor)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + processor));
    }

    private void requireAdministered(String processor) {
        if (!administers(processor)) {
            throw new IllegalArgumentException("no dead-letter queue administered for " + processor);
        }
    }

    private long sequences(String processor) {
        return queue(processor).amountOfSequences();
    }

    /** How many letters the processor's queue holds. */
    public long count(String processor) {
        return queue(processor).size();
    }

    private static final String LETTERS = "select dead_letter_id, sequence_identifier, sequence_index, "
            + "event_identifier, payload_type, aggregate_identifier, sequence_number, time_stamp, enqueued_at, "
            + "last_touched, cause_type, cause_message, convert_from(payload, 'UTF8') as payload from dead_letter_entry ";

    private static Letter letter(ResultSet rs, int row) throws SQLException {
        String aggregateId = rs.getString("aggregate_identifier");
        Long sequenceNumber = aggregateId == null ? null : rs.getLong("sequence_number");
        return new Letter(rs.getString("dead_letter_id"), rs.getString("sequence_identifier"),
                rs.getLong("sequence_index"), rs.getString("event_identifier"), simple(rs.getString("payload_type")),
                aggregateId, sequenceNumber, rs.getString("time_stamp"), instant(rs.getString("enqueued_at")),
                instant(rs.getString("last_touched")), rs.getString("cause_type"),
                rs.getString("cause_message"), rs.getString("payload"));
    }

    /** The queue's times are text in Axon's ISO format, UTC to the millisecond. */
    private static Instant instant(String value) {
        return value == null ? null : DateTimeUtils.parseInstant(value);
    }

    private static String simple(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    /** Some of a processor's letters, and how many it has in all. */
    public record Letters(List<Letter> items, long totalItems) {
    }

    /** One dead letter: its sequence (employee id) and place in it, the event, and why it failed last. */
    public record Letter(String id, String sequence, long index, String eventId, String eventType,
                         String aggregateId, Long aggregateSequence, String eventTimestamp, Instant enqueuedAt,
                         Instant lastTouched, String causeType, String causeMessage, @JsonRawValue String payload) {
    }

    /** A dismissed letter, who dismissed it, when and why. */
    public record Dismissal(String processor, Letter letter, String dismissedBy, Instant dismissedAt, String reason) {
    }

    /** What a retry did: sequences tried and cleared, letters handled and left, attempts that failed again. */
    public record RetryOutcome(long sequencesTried, long sequencesCleared, long lettersHandled, long lettersLeft,
                               int failedAttempts) {
    }
}
