package com.leaveledger.console.approvals;

import java.util.ArrayList;
import java.util.List;

/** query-side's pending-approvals pages as it answers them (docs/query-side.md), for the console's tests. */
final class Approvals {

    private Approvals() {
    }

    /** {@code count} requests awaiting {@code awaiting}; at HR each has passed its MANAGER level (by a delegate). */
    static String page(int count, String awaiting) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String levels = "HR".equals(awaiting) ? "[{\"level\":1,\"approvedAs\":\"MANAGER\",\"approvedBy\":\"dan\","
                    + "\"onBehalfOf\":\"mia\",\"at\":\"2027-02-02T09:00:00Z\"}]" : "[]";
            items.add(("{\"leaveRequestId\":\"r-%1$04d\",\"employeeId\":\"e-%1$04d\",\"employeeName\":\"Employee %1$d\","
                    + "\"managerId\":\"mia\",\"leaveType\":\"ANNUAL\",\"status\":\"SUBMITTED\",\"startDate\":\"2027-03-01\","
                    + "\"endDate\":\"2027-03-16\",\"halfDayStart\":false,\"halfDayEnd\":false,\"workingDays\":12.0,"
                    + "\"submittedAt\":\"2027-02-01T08:00:00.123456Z\",\"updatedAt\":\"2027-02-01T08:00:00.123456Z\","
                    + "\"approvals\":[\"MANAGER\",\"HR\"],\"awaiting\":\"%2$s\",\"levelsPassed\":%3$s,"
                    + "\"balances\":[{\"year\":2027,\"granted\":30.0,\"carried\":0.0,\"adjusted\":0.0,\"deducted\":0.0,"
                    + "\"reserved\":12.0,\"available\":18.0}]}").formatted(i, awaiting, levels));
        }
        return "{\"items\":[" + String.join(",", items) + "],\"page\":0,\"size\":200,\"totalItems\":" + count
                + ",\"totalPages\":1}";
    }
}
