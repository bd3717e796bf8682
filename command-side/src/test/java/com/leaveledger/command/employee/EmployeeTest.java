package com.leaveledger.command.employee;

import static com.leaveledger.command.Fixtures.E1;
import static com.leaveledger.command.Fixtures.M1;
import static com.leaveledger.command.Fixtures.grant;
import static com.leaveledger.command.Fixtures.register;
import static com.leaveledger.command.Fixtures.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.command.LedgerTestHarness;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmployeeTest {

    private final LedgerTestHarness ledger = new LedgerTestHarness();

    @AfterEach
    void stop() {
        ledger.shutdown();
    }

    @Test
    void registersAnEmployeeUnderARegisteredManager() {
        ledger.given(register(M1, null));
        List<Object> events = ledger.when(register(E1, M1), "hr");
        assertThat(events).singleElement().isInstanceOfSatisfying(EmployeeRegisteredEvent.class, e -> {
            assertThat(e.employeeId()).isEqualTo(E1);
            assertThat(e.managerId()).isEqualTo(M1);
            assertThat(e.country()).isEqualTo("DE");
        });
    }

    @Test
    void refusesRegisteringTheSameEmployeeTwice() {
        ledger.given(register(M1, null), register(E1, M1));
        ledger.expectRefusal(register(E1, M1), "hr", "employee-already-registered");
    }

    @Test
    void refusesAnUnknownManager() {
        ledger.expectRefusal(register(E1, new EmployeeId("nobody")), "hr", "unknown-manager");
    }

    @Test
    void refusesBeingOwnManager() {
        ledger.expectRefusal(register(E1, E1), "hr", "own-manager");
    }

    @Test
    void refusesACountryWithoutHolidayCalendar() {
        RegisterEmployeeCommand command = new RegisterEmployeeCommand(E1, "x", "x@example.com", null, null, null,
                "XX", null, null);
        ledger.expectRefusal(command, "hr", "unknown-holiday-calendar");
    }

    @Test
    void refusesAnUnknownSubdivision() {
        RegisterEmployeeCommand command = new RegisterEmployeeCommand(E1, "x", "x@example.com", null, null, null,
                "DE", "ZZ", null);
        ledger.expectRefusal(command, "hr", "unknown-holiday-calendar");
    }

    @Test
    void erasureRecordsTheFactAndDestroysTheKey() {
        ledger.given(register(M1, null), register(E1, M1));
        List<Object> events = ledger.when(new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"), "hr");
        assertThat(events).containsExactly(new SubjectErasedEvent(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        assertThat(ledger.keyDestroyed(E1)).isTrue();
    }

    @Test
    void refusesErasingTwice() {
        ledger.given(register(M1, null), register(E1, M1),
                new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(new EraseSubjectCommand(E1, ErasureBasis.OBJECTION, "HR-2"), "hr", "employee-erased");
    }

    @Test
    void refusesErasingSomebodyUnknown() {
        ledger.expectRefusal(new EraseSubjectCommand(E1, ErasureBasis.OBJECTION, "HR-2"), "hr", "employee-not-found");
        assertThat(ledger.keyDestroyed(E1)).isFalse();
    }

    @Test
    void anErasedEmployeeCannotAskForLeave() {
        ledger.given(register(M1, null), register(E1, M1), grant(E1, LeaveType.ANNUAL, 2027, "30"),
                new EraseSubjectCommand(E1, ErasureBasis.CONSENT_WITHDRAWN, "HR-1"));
        ledger.expectRefusal(submit(new LeaveRequestId("r-1"), E1, LeaveType.ANNUAL, "2027-02-01", "2027-02-02"),
                "e1", "employee-erased");
    }
}
