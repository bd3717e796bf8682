package com.leaveledger.command.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.ChangeWorkingPatternCommand;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.DelegateApprovalsCommand;
import com.leaveledger.kernel.employee.EraseSubjectCommand;
import com.leaveledger.kernel.employee.RevokeDelegationCommand;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.RegisterEmployeeCommand;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.DayOfWeek;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import static com.leaveledger.command.web.LeaveAccountController.FIRST_YEAR;
import static com.leaveledger.command.web.LeaveAccountController.LAST_YEAR;

@RestController
@SecurityRequirement(name = "bearer")
public class EmployeeController {

    public static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

    public record RegisterEmployeeRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = "1–64 letters, digits, '.', '_' or '-'") String id,
            @NotBlank @PlainText @Size(max = 200) String name,
            @NotBlank @Email @PlainText @Size(max = 200) String email,
            @PlainText @Size(max = 32) String phone,
            @PlainText @Size(max = 512) String pushToken,
            @Pattern(regexp = ID_PATTERN, message = "1–64 letters, digits, '.', '_' or '-'") String managerId,
            @NotBlank @Pattern(regexp = "[A-Za-z]{2}", message = "an ISO 3166 alpha-2 country code") String country,
            @PlainText @Size(max = 16) String subdivision,
            Set<Channel> notificationChannels) {
    }

    /**
     * @param legalBasis the ground of Art. 17(1)
     * @param reason     HR's case reference (a ticket number), kept in the ledger for good: never personal data
     */
    public record ErasureRequest(@NotNull ErasureBasis legalBasis,
                                 @NotBlank @PlainText @Size(max = 200) String reason) {
    }

    /**
     * @param delegateId the colleague who decides the manager's reports' requests at the manager level meanwhile
     * @param from       the first day of the delegation
     * @param to         its last day (included)
     */
    public record DelegationRequest(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = "1–64 letters, digits, '.', '_' or '-'") String delegateId,
            @NotNull @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) LocalDate from,
            @NotNull @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) LocalDate to) {
    }

    /**
     * @param workingDays   the days of the week the employee works from {@code effectiveFrom} on (part time); empty:
     *                      their country's working week (full time)
     * @param effectiveFrom the first day counted with these working days
     */
    public record WorkingDaysRequest(@NotNull @Size(max = 7) List<@NotNull DayOfWeek> workingDays,
                                     @NotNull @WithinYears(from = LeaveAccountController.FIRST_YEAR,
                                             to = LeaveAccountController.LAST_YEAR) LocalDate effectiveFrom) {
    }

    private final CommandDispatcher commands;

    public EmployeeController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(summary = "Register an employee (HR)")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 409, rules = {"employee-already-registered", "concurrent-modification"})
    @ProblemResponse(status = 422, rules = {"reserved-id", "unknown-manager", "own-manager", "unknown-holiday-calendar",
            "idempotency-key-reused"})
    @PostMapping("/api/employees")
    public ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterEmployeeRequest body,
                                                        @AuthenticationPrincipal Jwt actor,
                                                        HttpServletRequest request) {
        if ("system".equals(body.id())) {
            throw RuleViolation.unprocessable("reserved-id", "'system' is reserved for automatic decisions");
        }
        Set<Channel> channels = body.notificationChannels() == null || body.notificationChannels().isEmpty()
                ? EnumSet.allOf(Channel.class) : EnumSet.copyOf(body.notificationChannels());
        RegisterEmployeeCommand command = new RegisterEmployeeCommand(new EmployeeId(body.id()), body.name(),
                body.email(), body.phone(), body.pushToken(),
                body.managerId() == null ? null : new EmployeeId(body.managerId()),
                body.country().toUpperCase(), blankToNull(body.subdivision()), channels);
        try {
            commands.send(command, actor, request, body);
        } catch (AggregateStreamCreationException e) {
            throw RuleViolation.conflict("employee-already-registered", "employee " + body.id() + " is already registered");
        }
        return ResponseEntity.created(URI.create("/api/employees/" + body.id())).body(Map.of("employeeId", body.id()));
    }

    @Operation(summary = "Erase an employee's personal data (HR; GDPR Art. 17)",
            description = "Destroys the employee's data key and records SubjectErasedEvent in one transaction: their "
                    + "name, addresses, reasons and comments read [erased] everywhere from then on, balances and the "
                    + "hash chain are unchanged (docs/runbooks/erasure-requests.md).")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"employee-erased", "concurrent-modification"})
    @PostMapping("/api/employees/{id}/erasure")
    public ResponseEntity<Void> erase(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
                                      @Valid @RequestBody ErasureRequest body, @AuthenticationPrincipal Jwt actor,
                                      HttpServletRequest request) {
        commands.send(new EraseSubjectCommand(new EmployeeId(id), body.legalBasis(), body.reason()), actor, request,
                body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delegate your approvals for a period (the manager themself, or HR)",
            description = "From `from` to `to` the delegate may approve or reject, on the manager's behalf, the "
                    + "requests of the manager's reports that await a MANAGER level, never their own "
                    + "(docs/leave-policies.md).")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(status = 400, rules = {"invalid-period", "invalid-idempotency-key"})
    @ProblemResponse(status = 403, rules = "not-that-manager")
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"overlapping-delegation", "delegation-exists", "employee-erased",
            "concurrent-modification"})
    @ProblemResponse(status = 422, rules = {"own-delegate", "unknown-delegate", "delegate-erased",
            "delegation-in-the-past", "idempotency-key-reused"})
    @PostMapping("/api/employees/{id}/delegations")
    public ResponseEntity<Map<String, String>> delegate(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
                                                        @Valid @RequestBody DelegationRequest body,
                                                        @AuthenticationPrincipal Jwt actor,
                                                        HttpServletRequest request) {
        requireSelfOrHr(id, actor);
        String delegationId = newDelegationId(id, actor, request, body);
        commands.send(new DelegateApprovalsCommand(new EmployeeId(id), delegationId, new EmployeeId(body.delegateId()),
                body.from(), body.to()), actor, request, body);
        return ResponseEntity.created(URI.create("/api/employees/" + id + "/delegations/" + delegationId))
                .body(Map.of("delegationId", delegationId));
    }

    @Operation(summary = "Revoke a delegation (the manager themself, or HR); from now on the delegate decides nothing "
            + "more on the manager's behalf")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 403, rules = "not-that-manager")
    @ProblemResponse(status = 404, rules = {"employee-not-found", "delegation-not-found"})
    @ProblemResponse(status = 409, rules = "concurrent-modification")
    @PostMapping("/api/employees/{id}/delegations/{delegationId}/revocation")
    public ResponseEntity<Void> revoke(@PathVariable @Pattern(regexp = ID_PATTERN) String id,
                                       @PathVariable @Pattern(regexp = "[0-9a-fA-F-]{36}") String delegationId,
                                       @AuthenticationPrincipal Jwt actor, HttpServletRequest request) {
        requireSelfOrHr(id, actor);
        commands.send(new RevokeDelegationCommand(new EmployeeId(id), delegationId), actor, request, null);
        return ResponseEntity.noContent().build();
    }

    private static void requireSelfOrHr(String managerId, Jwt actor) {
        if (!managerId.equals(actor.getSubject()) && !LeaveRequestController.hasHr(actor)) {
            throw RuleViolation.forbidden("not-that-manager", "only " + managerId + " or HR may change "
                    + managerId + "'s delegations");
        }
    }

    /** Like a new request's id: derived from the Idempotency-Key when there is one, so that a retry names the same. */
    private static String newDelegationId(String managerId, Jwt actor, HttpServletRequest request,
                                          DelegationRequest body) {
        String key = request.getHeader(CommandDispatcher.IDEMPOTENCY_HEADER);
        if (key == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(("delegation\n" + managerId + "\n" + actor.getSubject() + "\n" + key + "\n"
                + body).getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Operation(summary = "Set an employee's own working days from a date on (HR; part time)",
            description = "Records WorkingPatternChangedEvent: from effectiveFrom on, leave requests count only these "
                    + "days of the week (public holidays still do not count); an empty list means the country's "
                    + "working week again. Requests already recorded keep their days (docs/leave-policies.md).")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 400, rules = {"duplicate-working-day", "invalid-idempotency-key"})
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"employee-erased", "concurrent-modification"})
    @ProblemResponse(status = 422, rules = "idempotency-key-reused")
    @PutMapping("/api/employees/{id}/working-days")
    public ResponseEntity<WorkingDaysChanged> changeWorkingDays(
            @PathVariable @Pattern(regexp = ID_PATTERN) String id, @Valid @RequestBody WorkingDaysRequest body,
            @AuthenticationPrincipal Jwt actor, HttpServletRequest request) {
        commands.send(new ChangeWorkingPatternCommand(new EmployeeId(id), body.effectiveFrom(), body.workingDays()),
                actor, request, body);
        return ResponseEntity.accepted().body(new WorkingDaysChanged(id, body.effectiveFrom(), body.workingDays()));
    }

    /** What was recorded: the employee's working days from {@code effectiveFrom} on (empty: their country's week). */
    public record WorkingDaysChanged(String employeeId, LocalDate effectiveFrom, List<DayOfWeek> workingDays) {
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
