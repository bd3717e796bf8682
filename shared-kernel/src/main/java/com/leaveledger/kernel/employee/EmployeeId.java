package com.leaveledger.kernel.employee;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/** An employee's id, assigned by HR. It is also the JWT subject of that employee. */
public record EmployeeId(@JsonValue String value) {

    public EmployeeId {
        Objects.requireNonNull(value, "employee id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("employee id must not be blank");
        }
    }

    @JsonCreator
    public static EmployeeId of(String value) {
        return new EmployeeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
