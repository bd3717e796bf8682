package com.leaveledger.console.employee;

import com.leaveledger.console.web.Refusal.Explanation;
import java.util.Map;

/**
 * A refused leave request in plain words, next to the form field the rule concerns. Rules not listed here are shown
 * above the form with the service's own {@code detail}.
 */
final class LeaveRules {

    static final Map<String, Explanation> RULES = Map.ofEntries(
            Map.entry("insufficient-balance", new Explanation("leaveType",
                    "Not enough days of this leave type are left for that period.")),
            Map.entry("overlapping-request", new Explanation("startDate",
                    "You already have leave requested or approved on some of these days.")),
            Map.entry("no-working-days", new Explanation("startDate",
                    "The period holds no working day: only weekend days or public holidays.")),
            Map.entry("half-days-not-allowed", new Explanation("halfDayStart",
                    "This leave type cannot be taken in half days.")),
            Map.entry("invalid-half-day", new Explanation("halfDayStart",
                    "A half day must fall on a working day at the start or end of the period.")),
            Map.entry("invalid-period", new Explanation("endDate", "The last day is before the first day.")),
            Map.entry("period-too-long", new Explanation("endDate", "One request covers at most 366 days.")),
            Map.entry("leave-already-started", new Explanation("startDate", "This leave has already started.")),
            Map.entry("reason-required", new Explanation("reason", "This leave type needs a reason.")),
            Map.entry("no-approver", new Explanation("leaveType",
                    "Nobody can approve this request: you have no manager on record.")));

    private LeaveRules() {
    }

    static Explanation explain(String rule) {
        return RULES.get(rule);
    }
}
