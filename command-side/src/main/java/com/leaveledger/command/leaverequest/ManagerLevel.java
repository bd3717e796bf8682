package com.leaveledger.command.leaverequest;

import com.leaveledger.kernel.employee.EmployeeId;
import java.util.Optional;
import java.util.Set;

/**
 * Who may decide a request at a manager level today (docs/leave-policies.md): the employee's manager, the colleagues
 * the manager delegated to for today, and, once the request has waited the escalation period, the manager's own
 * manager. The last two decide on the manager's behalf.
 *
 * @param manager     the employee's manager; empty: nobody can decide at a manager level
 * @param delegates   whom the manager delegated to for today
 * @param escalatedTo the manager's manager, when the request has waited long enough to be escalated to them
 */
record ManagerLevel(Optional<EmployeeId> manager, Set<EmployeeId> delegates, Optional<EmployeeId> escalatedTo) {

    boolean mayDecide(EmployeeId actor) {
        return manager.isPresent() && (manager.get().equals(actor) || delegates.contains(actor)
                || escalatedTo.filter(actor::equals).isPresent());
    }

    /** The manager {@code actor} stands in for, or null when {@code actor} is the manager. */
    EmployeeId onBehalfOf(EmployeeId actor) {
        return manager.filter(actor::equals).isPresent() ? null : manager.orElse(null);
    }
}
