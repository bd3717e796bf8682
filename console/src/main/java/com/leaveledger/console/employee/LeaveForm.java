package com.leaveledger.console.employee;

import java.util.HashMap;
import java.util.Map;

/** The request-leave form as the browser posts it; empty text means "not given". */
public record LeaveForm(String leaveType, String startDate, String endDate, Boolean halfDayStart, Boolean halfDayEnd,
                        String reason) {

    static LeaveForm empty() {
        return new LeaveForm("ANNUAL", "", "", false, false, "");
    }

    /** The command API's body ({@code POST /api/leave-requests}). */
    Map<String, Object> command(String employeeId) {
        Map<String, Object> body = new HashMap<>();
        body.put("employeeId", employeeId);
        body.put("leaveType", blankToNull(leaveType));
        body.put("startDate", blankToNull(startDate));
        body.put("endDate", blankToNull(endDate));
        body.put("halfDayStart", Boolean.TRUE.equals(halfDayStart));
        body.put("halfDayEnd", Boolean.TRUE.equals(halfDayEnd));
        body.put("reason", blankToNull(reason));
        return body;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
