package com.leaveledger.support.policy;

import com.leaveledger.kernel.leaveaccount.LeaveType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ledger.leave-policies.*}: the policy of every leave type (docs/leave-policies.md). The defaults are in
 * {@code classpath:ledger/leave-policies.yml}, which each service that needs them imports; a deployment overrides
 * them with its own settings, the same on every service.
 *
 * @param types     the policy of each leave type; every type must have one
 * @param reminders when a pending request reminds its approver and when it is escalated
 */
@Validated
@ConfigurationProperties("ledger.leave-policies")
public record LeavePolicies(@NotNull @Valid Map<LeaveType, LeavePolicy> types, @NotNull @Valid Reminders reminders) {

    /**
     * Reminders and escalation of a request awaiting a decision (counted from the submission, or from the last level
     * passed, in the employee's working days).
     *
     * @param remindAfterWorkingDays   the approver is reminded (email and push) after this many working days
     * @param escalateAfterWorkingDays the request is escalated to the approver's own manager, who may then decide it
     */
    public record Reminders(@Positive int remindAfterWorkingDays, @Positive int escalateAfterWorkingDays) {
    }

    public LeavePolicies {
        Map<LeaveType, LeavePolicy> given = types == null ? Map.of() : types;
        List<LeaveType> missing = Arrays.stream(LeaveType.values()).filter(type -> !given.containsKey(type)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("ledger.leave-policies.types has no policy for " + missing);
        }
        types = Map.copyOf(given);
    }

    /** The policy of {@code type}. */
    public LeavePolicy of(LeaveType type) {
        return types.get(type);
    }

    /** These policies with {@code type}'s replaced (tests of one rule). */
    public LeavePolicies with(LeaveType type, LeavePolicy policy) {
        Map<LeaveType, LeavePolicy> changed = new EnumMap<>(types);
        changed.put(type, policy);
        return new LeavePolicies(changed, reminders);
    }
}
