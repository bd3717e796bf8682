package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.LedgerObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/**
 * One upcaster between a stored event and a test: the payload goes in as Axon reads it from the event store (class
 * name, revision, bytes of one aggregate's event), the upcast event comes out read with the ledger's own mapper.
 */
final class UpcasterHarness {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final EventUpcasterChain chain;
    private final String aggregateType;
    private final String aggregateId;
    private final long sequence;

    UpcasterHarness(EventUpcaster upcaster, String aggregateType, String aggregateId, long sequence) {
        this.chain = new EventUpcasterChain(upcaster);
        this.aggregateType = aggregateType;
        this.aggregateId = aggregateId;
        this.sequence = sequence;
    }

    /** The payload of an approved event of an earlier revision ({@code src/test/resources/approved-events}). */
    static byte[] approved(String file) throws IOException {
        try (InputStream in = UpcasterHarness.class.getResourceAsStream("/approved-events/" + file)) {
            return in.readAllBytes();
        }
    }

    ObjectMapper json() {
        return serializer.getObjectMapper();
    }

    /** Upcasts one stored event of {@code type} at {@code revision}; asserts it stays one event and answers it. */
    IntermediateEventRepresentation upcastOne(Class<?> type, String revision, byte[] payload) {
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(new InitialEventRepresentation(
                new GenericDomainEventEntry<>(aggregateType, aggregateId, sequence, "event-1",
                        Instant.parse("2027-01-01T10:00:00Z"), type.getName(), revision, payload,
                        "{}".getBytes(StandardCharsets.UTF_8)), serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    /** Upcasts a stored revision 1 of {@code type}; asserts it becomes one event of revision 2 and answers it read. */
    <T> T fromRevisionOne(Class<T> type, byte[] payload) {
        IntermediateEventRepresentation upcast = upcastOne(type, "1", payload);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return read(type, upcast);
    }

    /** Asserts that {@code current}, stored at revision 2, comes out as itself at revision 2. */
    void assertPassesUnchanged(Object current) {
        IntermediateEventRepresentation upcast = upcastOne(current.getClass(), "2",
                serializer.serialize(current, byte[].class).getData());
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(read(current.getClass(), upcast)).isEqualTo(current);
    }

    <T> T read(Class<T> type, IntermediateEventRepresentation upcast) {
        return type.cast(serializer.deserialize(upcast.getData()));
    }
}
