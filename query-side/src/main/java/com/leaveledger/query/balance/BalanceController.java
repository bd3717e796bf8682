package com.leaveledger.query.balance;

import com.leaveledger.query.balance.BalanceQueries.Balance;
import com.leaveledger.query.web.AccessRules;
import com.leaveledger.query.web.Caller;
import com.leaveledger.query.web.QueryYears;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An employee's balances per leave type for a year (self, manager, HR). */
@RestController
public class BalanceController {

    private final BalanceQueries queries;
    private final AccessRules access;
    private final Clock clock;

    public BalanceController(BalanceQueries queries, AccessRules access, Clock clock) {
        this.queries = queries;
        this.access = access;
        this.clock = clock;
    }

    @Operation(summary = "Per leave type: granted, carried, adjusted, deducted, reserved, available (default: this year)")
    @ProblemResponse(status = 403, rules = "not-your-report")
    @GetMapping("/api/employees/{id}/balances")
    EmployeeBalances balances(@PathVariable String id, @RequestParam(required = false)
                              @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Integer year,
                              Authentication authentication) {
        access.requireEmployeeAccess(Caller.of(authentication), id);
        int asked = year == null ? LocalDate.now(clock).getYear() : year;
        return new EmployeeBalances(id, asked, queries.forEmployee(id, asked));
    }

    public record EmployeeBalances(String employeeId, int year, List<Balance> balances) {
    }
}
