package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class LeaveRequestedEventUpcasterTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new LeaveRequestedEventUpcaster());

    @Test
    void aRevisionOneRequestAwaitedItsManagerOnly() throws IOException {
        LeaveRequestedEvent event = upcast(revisionOne());

        assertThat(event.approvals()).containsExactly(Approver.MANAGER);
        assertThat(event.reason()).isEqualTo("family");
        assertThat(event.shares()).hasSize(2);
    }

    @Test
    void aRevisionOneSickLeaveAwaitedNobody() throws IOException {
        ObjectNode sick = (ObjectNode) serializer.getObjectMapper().readTree(revisionOne());
        sick.put("leaveType", "SICK");

        assertThat(upcast(serializer.getObjectMapper().writeValueAsBytes(sick)).approvals()).isEmpty();
    }

    @Test
    void revisionTwoPassesUnchanged() throws IOException {
        ObjectNode current = (ObjectNode) serializer.getObjectMapper().readTree(revisionOne());
        current.putArray("approvals").add("MANAGER").add("HR");
        byte[] stored = serializer.getObjectMapper().writeValueAsBytes(current);

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("2", stored))).toList();

        assertThat(upcast).singleElement().satisfies(r -> assertThat(
                ((LeaveRequestedEvent) serializer.deserialize(r.getData())).approvals())
                .containsExactly(Approver.MANAGER, Approver.HR));
    }

    private LeaveRequestedEvent upcast(byte[] stored) {
        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("1", stored))).toList();
        assertThat(upcast).singleElement().extracting(r -> r.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.get(0).getData());
    }

    private byte[] revisionOne() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/approved-events/LeaveRequestedEvent.rev1.json")) {
            return in.readAllBytes();
        }
    }

    private InitialEventRepresentation entry(String revision, byte[] payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("LeaveRequest", "r-1", 0, "event-1",
                Instant.parse("2027-01-01T10:00:00Z"), LeaveRequestedEvent.class.getName(), revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
