package com.leaveledger.kernel.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.io.IOException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CarriedOverEventUpcasterTest {

    private static final LeaveAccountId ACCOUNT = new LeaveAccountId(new EmployeeId("e-1001"), LeaveType.ANNUAL, 2027);

    private final UpcasterHarness upcaster =
            new UpcasterHarness(new CarriedOverEventUpcaster(), "LeaveAccount", ACCOUNT.asString(), 0);

    @Test
    void revisionOneCarriedDaysNeverLapse() throws IOException {
        CarriedOverEvent event = upcaster.fromRevisionOne(CarriedOverEvent.class,
                UpcasterHarness.approved("CarriedOverEvent.rev1.json"));

        assertThat(event).isEqualTo(new CarriedOverEvent(ACCOUNT, Days.of("2.5"), 2026, "carry-over 2026", null));
    }

    @Test
    void revisionTwoPassesUnchanged() {
        upcaster.assertPassesUnchanged(new CarriedOverEvent(ACCOUNT, Days.of("5"), 2026, "year-end",
                LocalDate.of(2027, 3, 31)));
    }
}
