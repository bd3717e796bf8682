package com.leaveledger.query.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.query.employee.EmployeeDirectory;
import java.util.Objects;

/**
 * Ownership rules of the query API (BRIEF §8): an employee sees their own data, a manager their reports' (the
 * manager recorded on the request, or the employee's manager in the directory), HR everyone's.
 */
public class AccessRules {

    private final EmployeeDirectory directory;

    public AccessRules(EmployeeDirectory directory) {
        this.directory = directory;
    }

    /** Self, their manager, or HR; otherwise 403 {@code not-your-report}. */
    public void requireEmployeeAccess(Caller caller, String employeeId) {
        if (caller.isHr() || caller.id().equals(employeeId) || managesInDirectory(caller, employeeId)) {
            return;
        }
        throw RuleViolation.forbidden("not-your-report",
                "only " + employeeId + ", their manager or HR may see this");
    }

    /** Owner, their manager (on the request or in the directory), or HR; otherwise 403 {@code not-your-request}. */
    public void requireRequestAccess(Caller caller, String requestId, String ownerId, String managerOnRequest) {
        if (caller.isHr() || caller.id().equals(ownerId)
                || (caller.isManager() && Objects.equals(caller.id(), managerOnRequest))
                || managesInDirectory(caller, ownerId)) {
            return;
        }
        throw RuleViolation.forbidden("not-your-request",
                "only the requester, their manager or HR may see leave request " + requestId);
    }

    /** The manager themself; otherwise 403 {@code not-that-manager}. */
    public void requireSelfAsManager(Caller caller, String managerId) {
        if (!caller.isManager() || !caller.id().equals(managerId)) {
            throw RuleViolation.forbidden("not-that-manager",
                    "only manager " + managerId + " may see their pending approvals");
        }
    }

    /** The team's manager or HR; otherwise 403 {@code not-your-team}. */
    public void requireTeamAccess(Caller caller, String managerId) {
        if (caller.isHr() || (caller.isManager() && caller.id().equals(managerId))) {
            return;
        }
        throw RuleViolation.forbidden("not-your-team",
                "only manager " + managerId + " or HR may see this team's calendar");
    }

    private boolean managesInDirectory(Caller caller, String employeeId) {
        return caller.isManager() && directory.find(employeeId)
                .map(employee -> caller.id().equals(employee.managerId()))
                .orElse(false);
    }
}
