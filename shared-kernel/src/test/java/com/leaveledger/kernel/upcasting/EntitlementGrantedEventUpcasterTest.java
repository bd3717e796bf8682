package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EntitlementGrantedEventUpcasterTest {

    private final UpcasterHarness upcaster =
            new UpcasterHarness(new EntitlementGrantedEventUpcaster(), "LeaveAccount", "e-1001:ANNUAL:2027", 0);

    @Test
    void revisionOneGetsTheEndOfItsAccountYearAsExpiry() throws IOException {
        EntitlementGrantedEvent event = upcaster.fromRevisionOne(EntitlementGrantedEvent.class,
                UpcasterHarness.approved("EntitlementGrantedEvent.rev1.json"));

        assertThat(event).isEqualTo(new EntitlementGrantedEvent(
                new LeaveAccountId(new EmployeeId("e-1001"), LeaveType.ANNUAL, 2027), Days.of("30"),
                "contract 2027", LocalDate.of(2027, 12, 31)));
    }

    @Test
    void revisionTwoPassesUnchanged() {
        upcaster.assertPassesUnchanged(new EntitlementGrantedEvent(
                new LeaveAccountId(new EmployeeId("e-1"), LeaveType.ANNUAL, 2027), Days.of("3"), "x",
                LocalDate.of(2028, 3, 31)));
    }
}
