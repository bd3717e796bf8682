package com.leaveledger.command.leaveaccount;

import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Days an account holds per leave request, and their sum: its reservations, or its deductions. */
final class DaysPerRequest {

    private final Map<LeaveRequestId, BigDecimal> byRequest = new HashMap<>();
    private BigDecimal total = BigDecimal.ZERO;

    void add(LeaveRequestId request, BigDecimal days) {
        byRequest.put(request, days);
        total = total.add(days);
    }

    void remove(LeaveRequestId request, BigDecimal days) {
        byRequest.remove(request);
        total = total.subtract(days);
    }

    /** The days held for the request, or {@code null} if none are. */
    BigDecimal of(LeaveRequestId request) {
        return byRequest.get(request);
    }

    boolean holds(LeaveRequestId request) {
        return byRequest.containsKey(request);
    }

    BigDecimal total() {
        return total;
    }
}
