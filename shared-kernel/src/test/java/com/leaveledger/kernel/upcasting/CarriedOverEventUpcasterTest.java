package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
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

class CarriedOverEventUpcasterTest {

    private static final LeaveAccountId ACCOUNT = new LeaveAccountId(new EmployeeId("e-1001"), LeaveType.ANNUAL, 2027);

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(LedgerObjectMapper.create()).build();
    private final EventUpcasterChain chain = new EventUpcasterChain(new CarriedOverEventUpcaster());

    @Test
    void revisionOneCarriedDaysNeverLapse() throws IOException {
        byte[] stored;
        try (InputStream in = getClass().getResourceAsStream("/approved-events/CarriedOverEvent.rev1.json")) {
            stored = in.readAllBytes();
        }

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("1", stored))).toList();

        assertThat(upcast).singleElement().satisfies(r -> {
            assertThat(r.getType().getRevision()).isEqualTo("2");
            assertThat((CarriedOverEvent) serializer.deserialize(r.getData()))
                    .isEqualTo(new CarriedOverEvent(ACCOUNT, Days.of("2.5"), 2026, "carry-over 2026", null));
        });
    }

    @Test
    void revisionTwoPassesUnchanged() {
        CarriedOverEvent current = new CarriedOverEvent(ACCOUNT, Days.of("5"), 2026, "year-end",
                LocalDate.of(2027, 3, 31));
        byte[] stored = serializer.serialize(current, byte[].class).getData();

        List<IntermediateEventRepresentation> upcast = chain.upcast(Stream.of(entry("2", stored))).toList();

        assertThat(upcast).singleElement().satisfies(r -> {
            assertThat(r.getType().getRevision()).isEqualTo("2");
            assertThat((CarriedOverEvent) serializer.deserialize(r.getData())).isEqualTo(current);
        });
    }

    private InitialEventRepresentation entry(String revision, byte[] payload) {
        return new InitialEventRepresentation(new GenericDomainEventEntry<>("LeaveAccount", ACCOUNT.asString(), 0,
                "event-1", Instant.parse("2027-01-01T10:00:00Z"), CarriedOverEvent.class.getName(), revision,
                payload, "{}".getBytes(StandardCharsets.UTF_8)), serializer);
    }
}
