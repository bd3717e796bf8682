package com.leaveledger.command.web;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.command.leaveaccount.CarryForwardOutcome;
import com.leaveledger.kernel.leaveaccount.AdjustBalanceCommand;
import com.leaveledger.kernel.leaveaccount.CarryForwardCommand;
import com.leaveledger.kernel.leaveaccount.GrantEntitlementCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.support.validation.Prose;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.Map;
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

@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/api/leave-accounts/{employeeId}/{leaveType}/{year}")
public class LeaveAccountController {

    /** The years the ledger keeps: of an account, and of every date a command carries. */
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    /**
     * {@code days}: at most six digits either side of the point, so that no arithmetic is asked of {@code 1e999999999};
     * the account's own rules (whole or half days, at most 366 at once) then apply.
     */
    public record GrantEntitlementRequest(@NotNull @Digits(integer = 6, fraction = 6) BigDecimal days,
                                          @Prose @Size(max = 1000) String reason,
                                          @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) LocalDate expiresOn) {
    }

    public record AdjustBalanceRequest(@NotNull @Digits(integer = 6, fraction = 6) BigDecimal days,
                                       @NotBlank @Prose @Size(max = 1000) String reason) {
    }

    private final CommandDispatcher commands;

    public LeaveAccountController(CommandDispatcher commands) {
        this.commands = commands;
    }

    @Operation(summary = "Grant days of entitlement (HR)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 400, rules = {"invalid-days", "invalid-expiry", "invalid-idempotency-key"})
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = "idempotency-key-reused")
    @PostMapping("/entitlements")
    public ResponseEntity<Map<String, String>> grant(
            @PathVariable @Pattern(regexp = EmployeeController.ID_PATTERN) String employeeId,
            @PathVariable LeaveType leaveType, @PathVariable @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) int year,
            @Valid @RequestBody GrantEntitlementRequest body, @AuthenticationPrincipal Jwt actor,
            HttpServletRequest request) {
        LeaveAccountId id = new LeaveAccountId(new EmployeeId(employeeId), leaveType, year);
        commands.send(new GrantEntitlementCommand(id, body.days(), body.reason(), body.expiresOn()), actor, request, body);
        return accepted(id);
    }

    @Operation(summary = "Correct a balance, up or down, with a mandatory reason (HR)")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 400, rules = {"invalid-days", "reason-required", "invalid-idempotency-key"})
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = {"concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = {"insufficient-balance", "idempotency-key-reused"})
    @PostMapping("/adjustments")
    public ResponseEntity<Map<String, String>> adjust(
            @PathVariable @Pattern(regexp = EmployeeController.ID_PATTERN) String employeeId,
            @PathVariable LeaveType leaveType, @PathVariable @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) int year,
            @Valid @RequestBody AdjustBalanceRequest body, @AuthenticationPrincipal Jwt actor,
            HttpServletRequest request) {
        LeaveAccountId id = new LeaveAccountId(new EmployeeId(employeeId), leaveType, year);
        commands.send(new AdjustBalanceCommand(id, body.days(), body.reason()), actor, request, body);
        return accepted(id);
    }

    /**
     * What a year-end carry-over did.
     *
     * @param accountId   the closed account
     * @param toAccountId next year's account
     * @param days        days carried over; null when the carry-over had been done before (nothing changed now)
     * @param expiresOn   the last day the carried days may be taken; null: they never lapse
     */
    public record CarryOverResult(@NotNull String accountId, @NotNull String toAccountId, BigDecimal days,
                                  LocalDate expiresOn, boolean alreadyDone) {
    }

    @Operation(summary = "Year-end: carry the unused balance of the year into the next, up to the policy's cap (HR)",
            description = "Carries what is left of the account (never below zero) into the same type's account of"
                    + " year + 1, up to the type's carry-over cap; the carried days lapse after the policy's expiry"
                    + " day in year + 1 (docs/leave-policies.md). Once per account: a repeat answers alreadyDone"
                    + " and changes nothing.")
    @ResponseStatus(HttpStatus.OK)
    @ProblemResponse(status = 400, rules = "invalid-idempotency-key")
    @ProblemResponse(status = 404, rules = {"employee-not-found", "account-not-found"})
    @ProblemResponse(status = 409, rules = {"concurrent-modification", "employee-erased"})
    @ProblemResponse(status = 422, rules = {"no-carry-over-policy", "year-not-ended", "idempotency-key-reused"})
    @PostMapping("/carry-over")
    public CarryOverResult carryOver(
            @PathVariable @Pattern(regexp = EmployeeController.ID_PATTERN) String employeeId,
            @PathVariable LeaveType leaveType, @PathVariable @WithinYears(from = FIRST_YEAR, to = LAST_YEAR) int year,
            @AuthenticationPrincipal Jwt actor, HttpServletRequest request) {
        LeaveAccountId id = new LeaveAccountId(new EmployeeId(employeeId), leaveType, year);
        CarryForwardOutcome outcome = commands.send(new CarryForwardCommand(id), actor, request, null);
        return new CarryOverResult(outcome.from().asString(), outcome.to().asString(), outcome.days(),
                outcome.expiresOn(), !outcome.done());
    }

    private static ResponseEntity<Map<String, String>> accepted(LeaveAccountId id) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/employees/" + id.employeeId() + "/balances?year=" + id.year()))
                .body(Map.of("accountId", id.asString()));
    }
}
