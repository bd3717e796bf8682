package com.leaveledger.kernel.leaverequest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

public record LeaveRequestId(@JsonValue String value) {

    public LeaveRequestId {
        Objects.requireNonNull(value, "leave request id");
        if (value.isBlank()) {
            throw new IllegalArgumentException("leave request id must not be blank");
        }
    }

    @JsonCreator
    public static LeaveRequestId of(String value) {
        return new LeaveRequestId(value);
    }

    public static LeaveRequestId random() {
        return new LeaveRequestId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
