package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import java.io.IOException;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class LeaveDecisionEventUpcasterTest {

    private final UpcasterHarness upcaster =
            new UpcasterHarness(new LeaveDecisionEventUpcaster(), "LeaveRequest", "r-1", 1);

    @Test
    void aRevisionOneApprovalWasOnNobodysBehalf() throws IOException {
        LeaveApprovedEvent event = upcaster.fromRevisionOne(LeaveApprovedEvent.class,
                UpcasterHarness.approved("LeaveApprovedEvent.rev1.json"));

        assertThat(event.onBehalfOf()).isNull();
        assertThat(event.approvedBy()).isEqualTo(new EmployeeId("m-2001"));
        assertThat(event.comment()).isEqualTo("enjoy");
    }

    @Test
    void aRevisionOneRejectionWasOnNobodysBehalf() throws IOException {
        LeaveRejectedEvent event = upcaster.fromRevisionOne(LeaveRejectedEvent.class,
                UpcasterHarness.approved("LeaveRejectedEvent.rev1.json"));

        assertThat(event.onBehalfOf()).isNull();
        assertThat(event.rejectedBy()).isEqualTo(new EmployeeId("m-2001"));
        assertThat(event.reason()).isEqualTo("team offsite");
    }

    @Test
    void revisionTwoPassesUnchanged() throws IOException {
        ObjectNode current =
                (ObjectNode) upcaster.json().readTree(UpcasterHarness.approved("LeaveApprovedEvent.rev1.json"));
        current.put("onBehalfOf", "m-2000");

        IntermediateEventRepresentation upcast =
                upcaster.upcastOne(LeaveApprovedEvent.class, "2", upcaster.json().writeValueAsBytes(current));

        assertThat(upcaster.read(LeaveApprovedEvent.class, upcast).onBehalfOf()).isEqualTo(new EmployeeId("m-2000"));
    }
}
