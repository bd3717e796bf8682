package com.leaveledger.query.request;

import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.query.request.LeaveRequestQueries.DelegationView;
import com.leaveledger.query.request.LeaveRequestQueries.LeaveRequestSummary;
import com.leaveledger.query.request.LeaveRequestQueries.LeaveRequestView;
import com.leaveledger.query.request.LeaveRequestQueries.PendingApproval;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.query.web.Caller;
import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Leave requests: one by id, an employee's, a manager's and HR's pending approvals; a manager's delegations. */
@RestController
public class LeaveRequestController {

    private final LeaveRequestQueries queries;
    private final AccessRules access;

    public LeaveRequestController(LeaveRequestQueries queries, AccessRules access) {
        this.queries = queries;
        this.access = access;
    }

    @Operation(summary = "A leave request: status, period, working days, the approval levels awaited and passed (by "
            + "whom, as what, on whose behalf), decision and history (owner, manager or their delegate, the manager's "
            + "manager once it is escalated to them, HR)")
    @ProblemResponse(status = 403, rules = "not-your-request")
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @GetMapping("/api/leave-requests/{id}")
    LeaveRequestView request(@PathVariable String id, Authentication authentication) {
        LeaveRequestView view = queries.find(id).orElseThrow(() -> RuleViolation.notFound(
                "leave-request-not-found", "no leave request " + id + " (or not yet projected)"));
        Caller caller = Caller.of(authentication);
        if (!queries.isDelegateOf(caller.id(), view.managerId())
                && !(caller.isManager() && queries.isEscalatedTo(caller.id(), id))) {
            access.requireRequestAccess(caller, id, view.employeeId(), view.managerId());
        }
        return view;
    }

    @Operation(summary = "An employee's leave requests, latest period first, optionally by status (self, manager, HR)")
    @ProblemResponse(status = 403, rules = "not-your-report")
    @GetMapping("/api/employees/{id}/leave-requests")
    PageResult<LeaveRequestSummary> employeeRequests(@PathVariable String id,
                                                     @RequestParam(required = false) LeaveRequestStatus status,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size,
                                                     Authentication authentication) {
        access.requireEmployeeAccess(Caller.of(authentication), id);
        return queries.forEmployee(id, status, PageRequest.of(page, size));
    }

    @Operation(summary = "Requests waiting for this manager's decision at a MANAGER level, oldest first: their reports' "
            + "and, during a delegation, those of the managers who delegated to them, and those escalated to them "
            + "(escalated, escalatedFrom); each with the employee's balances of its leave type (that manager)")
    @ProblemResponse(status = 403, rules = "not-that-manager")
    @GetMapping("/api/managers/{id}/pending-approvals")
    PageResult<PendingApproval> pendingApprovals(@PathVariable String id,
                                                     @RequestParam(required = false) Integer page,
                                                     @RequestParam(required = false) Integer size,
                                                     Authentication authentication) {
        access.requireSelfAsManager(Caller.of(authentication), id);
        return queries.pendingFor(id, PageRequest.of(page, size));
    }

    @Operation(summary = "Requests waiting at an HR level, oldest first, but your own; each with the employee's "
            + "balances of its leave type (HR)")
    @GetMapping("/api/hr/pending-approvals")
    PageResult<PendingApproval> hrPendingApprovals(@RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size,
                                                   Authentication authentication) {
        return queries.pendingForHr(Caller.of(authentication).id(), PageRequest.of(page, size));
    }

    @Operation(summary = "A manager's current delegations of their approvals (neither revoked nor over), by start "
            + "(the manager themself, or HR)")
    @ProblemResponse(status = 403, rules = "not-that-manager")
    @GetMapping("/api/employees/{id}/delegations")
    List<DelegationView> delegations(@PathVariable String id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!caller.isHr()) {
            access.requireSelfAsManager(caller, id);
        }
        return queries.currentDelegations(id);
    }
}
