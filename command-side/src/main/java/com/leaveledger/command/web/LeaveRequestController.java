package com.leaveledger.command.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.ApproveLeaveCommand;
import com.leaveledger.kernel.leaverequest.CancelLeaveCommand;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.RejectLeaveCommand;
import com.leaveledger.kernel.leaverequest.SubmitLeaveCommand;
import com.leaveledger.support.validation.Prose;
import com.leaveledger.support.web.LedgerRoles;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import static com.leaveledger.command.web.LeaveAccountController.FIRST_YEAR;
import static com.leaveledger.command.web.LeaveAccountController.LAST_YEAR;


@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/leave-requests")
public class LeaveRequestController {

    private static final String UUID_PATTERN = "[0-9a-fA-F-]{36}";

    public record SubmitLeaveRequest(
            @NotBlank @Pattern(regexp = EmployeeController.ID_PATTERN) String employeeId,
            @NotNull LeaveType leaveType,
            @NotNull @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) LocalDate startDate,
            @NotNull @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) LocalDate endDate,
            boolean halfDayStart,
            boolean halfDayEnd,
            @Prose @Size(max = 1000) String reason) {
    }

    public record ApproveRequest(@Prose @Size(max = 1000) String comment) {
    }

    public record RejectRequest(@NotBlank @Prose @Size(max = 1000) String reason) {
    }

    public record CancelRequest(@Prose @Size(max = 1000) String reason) {
    }

    private final CommandDispatcher commands;

    public LeaveRequestController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(summary = "Submit a leave request for yourself (EMPLOYEE)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 400, rules = {"invalid-period", "period-too-long", "invalid-half-day",
            "invalid-idempotency-key"})
    @ProblemResponse(status = 403, rules = "not-the-owner")
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"overlapping-request", "concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = {"insufficient-balance", "no-working-days", "half-days-not-allowed",
            "no-approver", "idempotency-key-reused"})
    @PostMapping
    public ResponseEntity<Map<String, String>> submit(@Valid @RequestBody SubmitLeaveRequest body,
                                                      @AuthenticationPrincipal Jwt actor,
                                                      HttpServletRequest request) {
        if (!body.employeeId().equals(actor.getSubject())) {
            throw RuleViolation.forbidden("not-the-owner", "you may only request leave for yourself");
        }
        SubmitLeaveCommand command = new SubmitLeaveCommand(newRequestId(actor, request, body),
                new EmployeeId(body.employeeId()), body.leaveType(), body.startDate(), body.endDate(),
                body.halfDayStart(), body.halfDayEnd(), body.reason());
        String id = commands.send(command, actor, request, body);
        return accepted(id != null ? id : command.leaveRequestId().value());
    }

    @Operation(summary = "Approve the level a pending request awaits: its employee's manager, a colleague the manager "
            + "delegated to, or the manager's manager once escalated (a MANAGER level); anybody with role HR (an HR "
            + "level). A level before the last keeps the days reserved; the last deducts them (docs/leave-policies.md)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @DecisionProblems
    @PostMapping("/{id}/approve")
    public ResponseEntity<Map<String, String>> approve(@PathVariable @Pattern(regexp = UUID_PATTERN) String id,
                                                       @Valid @RequestBody(required = false) ApproveRequest body,
                                                       @AuthenticationPrincipal Jwt actor,
                                                       HttpServletRequest request) {
        commands.send(new ApproveLeaveCommand(new LeaveRequestId(id), new EmployeeId(actor.getSubject()), hasHr(actor),
                body == null ? null : body.comment()), actor, request, body);
        return accepted(id);
    }

    @Operation(summary = "Reject a pending request at the level it awaits, with a reason (whoever may approve that "
            + "level); its days are released")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @DecisionProblems
    @PostMapping("/{id}/reject")
    public ResponseEntity<Map<String, String>> reject(@PathVariable @Pattern(regexp = UUID_PATTERN) String id,
                                                      @Valid @RequestBody RejectRequest body,
                                                      @AuthenticationPrincipal Jwt actor,
                                                      HttpServletRequest request) {
        commands.send(new RejectLeaveCommand(new LeaveRequestId(id), new EmployeeId(actor.getSubject()), hasHr(actor),
                body.reason()), actor, request, body);
        return accepted(id);
    }

    @Operation(summary = "Cancel your own pending or approved (not yet started) leave (EMPLOYEE)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 403, rules = "not-the-owner")
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @ProblemResponse(status = 409, rules = {"request-not-cancellable", "concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = {"leave-already-started", "idempotency-key-reused"})
    @PostMapping("/{id}/cancel")
    public ResponseEntity<Map<String, String>> cancel(@PathVariable @Pattern(regexp = UUID_PATTERN) String id,
                                                      @Valid @RequestBody(required = false) CancelRequest body,
                                                      @AuthenticationPrincipal Jwt actor,
                                                      HttpServletRequest request) {
        commands.send(new CancelLeaveCommand(new LeaveRequestId(id), new EmployeeId(actor.getSubject()),
                body == null ? null : body.reason()), actor, request, body);
        return accepted(id);
    }

    /**
     * A new request's id. With an Idempotency-Key it is derived from the actor, the key and the request, so a
     * retried submit names the same request without the answer being stored anywhere (docs/adr/0006), and a key
     * reused for another request once the first one was purged names a new one.
     */
    static LeaveRequestId newRequestId(Jwt actor, HttpServletRequest request, SubmitLeaveRequest body) {
        String key = request.getHeader(CommandDispatcher.IDEMPOTENCY_HEADER);
        if (key == null) {
            return LeaveRequestId.random();
        }
        return new LeaveRequestId(UUID.nameUUIDFromBytes(("leave-request\n" + actor.getSubject() + "\n" + key + "\n"
                + body).getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** Whether the token carries role HR (as {@link LedgerRoles} reads it). */
    static boolean hasHr(Jwt actor) {
        List<String> roles = actor.getClaimAsStringList(LedgerRoles.CLAIM);
        return roles != null && roles.contains("HR");
    }

    private static ResponseEntity<Map<String, String>> accepted(String id) {
        return ResponseEntity.accepted().location(URI.create("/api/leave-requests/" + id))
                .body(Map.of("leaveRequestId", id));
    }

    /** What approving and rejecting a level can be refused for. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 403, rules = {"not-the-manager", "not-the-approver", "own-request",
            "already-approved-by-you"})
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @ProblemResponse(status = 409, rules = {"request-not-pending", "concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = "idempotency-key-reused")
    @interface DecisionProblems {
    }
}
