package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class EntitlementGrantedEventUpcasterTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new EntitlementGrantedEventUpcaster());

    @Test
    void revisionOneGetsTheEndOfItsAccountYearAsExpiry() throws IOException {
        byte[] stored;
        try (InputStream in = getClass().getResourceAsStream("/approved-events/EntitlementGrantedEvent.rev1.json")) {
            stored = in.readAllBytes();
        }

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("1", stored))).toList();

        assertThat(upcast).singleElement().satisfies(r -> {
            assertThat(r.getType().getRevision()).isEqualTo("2");
            EntitlementGrantedEvent event = serializer.deserialize(r.getData());
            assertThat(event).isEqualTo(new EntitlementGrantedEvent(
                    new LeaveAccountId(new EmployeeId("e-1001"), LeaveType.ANNUAL, 2027), Days.of("30"),
                    "contract 2027", LocalDate.of(2027, 12, 31)));
        });
    }

    @Test
    void revisionTwoPassesUnchanged() {
        EntitlementGrantedEvent current = new EntitlementGrantedEvent(
                new LeaveAccountId(new EmployeeId("e-1"), LeaveType.ANNUAL, 2027), Days.of("3"), "x",
                LocalDate.of(2028, 3, 31));
        byte[] stored = serializer.serialize(current, byte[].class).getData();

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("2", stored))).toList();

        assertThat(upcast).singleElement().satisfies(r -> {
            assertThat(r.getType().getRevision()).isEqualTo("2");
            assertThat((EntitlementGrantedEvent) serializer.deserialize(r.getData())).isEqualTo(current);
        });
    }

    private InitialEventRepresentation entry(String revision, byte[] payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("LeaveAccount", "e-1001:ANNUAL:2027", 0,
                "event-1", Instant.parse("2027-01-01T10:00:00Z"), EntitlementGrantedEvent.class.getName(), revision,
                payload, "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
