package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import java.io.IOException;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class LeaveRequestedEventUpcasterTest {

    private final UpcasterHarness upcaster =
            new UpcasterHarness(new LeaveRequestedEventUpcaster(), "LeaveRequest", "r-1", 0);

    @Test
    void aRevisionOneRequestAwaitedItsManagerOnly() throws IOException {
        LeaveRequestedEvent event = upcast(revisionOne());

        assertThat(event.approvals()).containsExactly(Approver.MANAGER);
        assertThat(event.reason()).isEqualTo("family");
        assertThat(event.shares()).hasSize(2);
    }

    @Test
    void aRevisionOneSickLeaveAwaitedNobody() throws IOException {
        ObjectNode sick = (ObjectNode) upcaster.json().readTree(revisionOne());
        sick.put("leaveType", "SICK");

        assertThat(upcast(upcaster.json().writeValueAsBytes(sick)).approvals()).isEmpty();
    }

    @Test
    void revisionTwoPassesUnchanged() throws IOException {
        ObjectNode current = (ObjectNode) upcaster.json().readTree(revisionOne());
        current.putArray("approvals").add("MANAGER").add("HR");
        byte[] stored = upcaster.json().writeValueAsBytes(current);

        IntermediateEventRepresentation upcast = upcaster.upcastOne(LeaveRequestedEvent.class, "2", stored);

        assertThat(upcaster.read(LeaveRequestedEvent.class, upcast).approvals())
                .containsExactly(Approver.MANAGER, Approver.HR);
    }

    private LeaveRequestedEvent upcast(byte[] stored) {
        return upcaster.fromRevisionOne(LeaveRequestedEvent.class, stored);
    }

    private byte[] revisionOne() throws IOException {
        return UpcasterHarness.approved("LeaveRequestedEvent.rev1.json");
    }
}
