package com.leaveledger.command;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.SubmitLeaveCommand;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;

/** Test data: a Berlin team (manager m1, employees e1 and e2) and a second manager m2. */
public final class Fixtures {

    public static final EmployeeId M1 = new EmployeeId("m1");
    public static final EmployeeId M2 = new EmployeeId("m2");
    public static final EmployeeId E1 = new EmployeeId("e1");
    public static final EmployeeId E2 = new EmployeeId("e2");
    public static final LeaveRequestId R1 = new LeaveRequestId("00000000-0000-0000-0000-000000000001");
    public static final LeaveRequestId R2 = new LeaveRequestId("00000000-0000-0000-0000-000000000002");

    private Fixtures() {
    }

    public static RegisterEmployeeCommand register(EmployeeId id, EmployeeId manager) {
        return new RegisterEmployeeCommand(id, "Name of " + id, id + "@example.com", "+49301234", "push-" + id,
                manager, "DE", "BE", EnumSet.allOf(Channel.class));
    }

    public static Object[] team() {
        return new Object[] {register(M1, null), register(M2, null), register(E1, M1), register(E2, M1)};
    }

    public static LeaveAccountId account(EmployeeId employee, LeaveType type, int year) {
        return new LeaveAccountId(employee, type, year);
    }

    public static GrantEntitlementCommand grant(EmployeeId employee, LeaveType type, int year, String days) {
        return new GrantEntitlementCommand(account(employee, type, year), new BigDecimal(days), "contract");
    }

    public static SubmitLeaveCommand submit(LeaveRequestId id, EmployeeId employee, LeaveType type,
                                            String start, String end) {
        return submit(id, employee, type, start, end, false, false);
    }

    public static SubmitLeaveCommand submit(LeaveRequestId id, EmployeeId employee, LeaveType type, String start,
                                            String end, boolean halfStart, boolean halfEnd) {
        return new SubmitLeaveCommand(id, employee, type, LocalDate.parse(start), LocalDate.parse(end), halfStart,
                halfEnd, "holiday");
    }
}
