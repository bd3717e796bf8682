package com.leaveledger.kernel.leaveaccount;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.leaveledger.kernel.employee.EmployeeId;
import java.util.Objects;

/** One ledger account: an employee's days of one leave type in one calendar year. */
public record LeaveAccountId(EmployeeId employeeId, LeaveType leaveType, int year) {

    public LeaveAccountId {
        Objects.requireNonNull(employeeId, "employee id");
        Objects.requireNonNull(leaveType, "leave type");
    }

    @JsonCreator
    public static LeaveAccountId parse(String value) {
        int second = value.lastIndexOf(':');
        int first = value.lastIndexOf(':', second - 1);
        if (first <= 0 || second <= first) {
            throw new IllegalArgumentException("not a leave account id: " + value);
        }
        return new LeaveAccountId(new EmployeeId(value.substring(0, first)),
                LeaveType.valueOf(value.substring(first + 1, second)),
                Integer.parseInt(value.substring(second + 1)));
    }

    @JsonValue
    public String asString() {
        return employeeId.value() + ":" + leaveType + ":" + year;
    }

    @Override
    public String toString() {
        return asString();
    }
}
