package com.leaveledger.kernel.leaverequest;

/** Who decides at one approval level of a leave request (docs/leave-policies.md). */
public enum Approver {
    /** The employee's manager, or a colleague the manager delegated to. */
    MANAGER,
    /** Anybody holding the HR role. */
    HR
}
