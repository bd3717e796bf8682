package com.leaveledger.query.policy;

import com.leaveledger.support.policy.LeavePolicies;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The leave policies configured at start-up ({@code ledger.leave-policies.*}, docs/leave-policies.md): the same
 * settings the command side enforces, shown to anybody signed in.
 */
@RestController
public class LeavePolicyController {

    private final LeavePolicies policies;

    public LeavePolicyController(LeavePolicies policies) {
        this.policies = policies;
    }

    @Operation(summary = "The leave policies: per leave type its approval levels, half days, negative balance, accrual "
            + "and carry-over; and when a pending request reminds its approver and is escalated (any role)")
    @GetMapping("/api/leave-policies")
    LeavePolicies policies() {
        return policies;
    }
}
