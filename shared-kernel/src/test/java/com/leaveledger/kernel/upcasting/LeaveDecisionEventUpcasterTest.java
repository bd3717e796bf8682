package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
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

class LeaveDecisionEventUpcasterTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new LeaveDecisionEventUpcaster());

    @Test
    void aRevisionOneApprovalWasOnNobodysBehalf() throws IOException {
        LeaveApprovedEvent event = upcast(LeaveApprovedEvent.class, "LeaveApprovedEvent.rev1.json");

        assertThat(event.onBehalfOf()).isNull();
        assertThat(event.approvedBy()).isEqualTo(new EmployeeId("m-2001"));
        assertThat(event.comment()).isEqualTo("enjoy");
    }

    @Test
    void aRevisionOneRejectionWasOnNobodysBehalf() throws IOException {
        LeaveRejectedEvent event = upcast(LeaveRejectedEvent.class, "LeaveRejectedEvent.rev1.json");

        assertThat(event.onBehalfOf()).isNull();
        assertThat(event.rejectedBy()).isEqualTo(new EmployeeId("m-2001"));
        assertThat(event.reason()).isEqualTo("team offsite");
    }

    @Test
    void revisionTwoPassesUnchanged() throws IOException {
        ObjectNode current = (ObjectNode) serializer.getObjectMapper().readTree(stored("LeaveApprovedEvent.rev1.json"));
        current.put("onBehalfOf", "m-2000");

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(
                entry(LeaveApprovedEvent.class, "2", serializer.getObjectMapper().writeValueAsBytes(current)))).toList();

        assertThat(upcast).singleElement().satisfies(r -> assertThat(
                ((LeaveApprovedEvent) serializer.deserialize(r.getData())).onBehalfOf())
                .isEqualTo(new EmployeeId("m-2000")));
    }

    private <T> T upcast(Class<T> type, String file) throws IOException {
        List<IntermediateEventRepresentation> upcast =
                chain.upcast(Stream.of(entry(type, "1", stored(file)))).toList();
        assertThat(upcast).singleElement().extracting(r -> r.getType().getRevision()).isEqualTo("2");
        return type.cast(serializer.deserialize(upcast.get(0).getData()));
    }

    private byte[] stored(String file) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/approved-events/" + file)) {
            return in.readAllBytes();
        }
    }

    private InitialEventRepresentation entry(Class<?> type, String revision, byte[] payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("LeaveRequest", "r-1", 1, "event-1",
                Instant.parse("2027-01-01T10:00:00Z"), type.getName(), revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
