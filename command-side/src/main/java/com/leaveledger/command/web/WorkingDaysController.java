package com.leaveledger.command.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.command.web.WorkingDaysPreview.Preview;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A period's working days before submitting it: what a submit would take (no command, nothing recorded). */
@RestController
@SecurityRequirement(name = "bearer")
public class WorkingDaysController {

    private final WorkingDaysPreview preview;

    public WorkingDaysController(WorkingDaysPreview preview) {
        this.preview = preview;
    }

    @Operation(summary = "The working days a leave request of that period would take, split by year (EMPLOYEE for "
            + "yourself, MANAGER for your reports, HR)",
            description = "Counted by the code the submit command runs, with its refusals: 400 invalid-period, "
                    + "period-too-long, invalid-half-day; 404 employee-not-found; 409 employee-erased; 422 "
                    + "no-working-days. The leave type's rules (half days allowed, approver) are not checked.")
    @ProblemResponse(status = 400, rules = {"invalid-period", "period-too-long", "invalid-half-day"})
    @ProblemResponse(status = 403, rules = {"not-the-owner", "not-your-report"})
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @ProblemResponse(status = 409, rules = "employee-erased")
    @ProblemResponse(status = 422, rules = "no-working-days")
    @GetMapping("/api/working-days")
    public Preview workingDays(
            @RequestParam @Pattern(regexp = EmployeeController.ID_PATTERN,
                    message = "1–64 letters, digits, '.', '_' or '-'") String employeeId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            @WithinYears(from = LeaveAccountController.FIRST_YEAR, to = LeaveAccountController.LAST_YEAR)
            LocalDate startDate,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
            @WithinYears(from = LeaveAccountController.FIRST_YEAR, to = LeaveAccountController.LAST_YEAR)
            LocalDate endDate,
            @RequestParam(defaultValue = "false") boolean halfDayStart,
            @RequestParam(defaultValue = "false") boolean halfDayEnd,
            Authentication caller) {
        EmployeeId employee = new EmployeeId(employeeId);
        boolean self = caller.getName().equals(employeeId) && has(caller, "ROLE_EMPLOYEE");
        if (!self && !has(caller, "ROLE_HR")) {
            if (!has(caller, "ROLE_MANAGER")) {
                throw RuleViolation.forbidden("not-the-owner",
                        "you may count working days for yourself (EMPLOYEE), your reports (MANAGER) or anyone (HR)");
            }
            Optional<EmployeeId> manager = preview.managerOf(employee);
            if (manager.isEmpty() || !manager.get().value().equals(caller.getName())) {
                throw RuleViolation.forbidden("not-your-report", employeeId + " does not report to you");
            }
        }
        return preview.count(employee, startDate, endDate, halfDayStart, halfDayEnd);
    }

    private static boolean has(Authentication caller, String authority) {
        return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
