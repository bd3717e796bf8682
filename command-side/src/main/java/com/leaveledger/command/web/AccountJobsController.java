package com.leaveledger.command.web;

import com.leaveledger.command.accountjobs.AccountJobs;
import com.leaveledger.command.accountjobs.JobRuns;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** HR's runs over every active employee: a month's accrual and the year-end close (docs/runbooks/year-end-close.md). */
@RestController
@SecurityRequirement(name = "bearer")
@RequestMapping("/admin")
public class AccountJobsController {

    /**
     * Where a run stands.
     *
     * @param job       {@code accrual} or {@code year-end}
     * @param period    the month or the year
     * @param status    RUNNING (under way, or cut short: run it again to resume) or COMPLETED
     * @param total     active employees when the run (re)started
     * @param processed employees done
     * @param changed   accounts this call changed (absent when only showing progress); 0 on a repeat
     */
    public record RunProgress(@NotNull String job, @NotNull String period, @NotNull JobRuns.Status status, int total,
                              int processed, Integer changed) {

        static RunProgress of(JobRuns.Run run, Integer changed) {
            return new RunProgress(run.job(), run.period(), run.status(), run.total(), run.processed(), changed);
        }
    }

    private final AccountJobs jobs;
    private final Clock clock;

    public AccountJobsController(AccountJobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Operation(summary = "Run a month's accrual for every active employee now (HR)",
            description = "Accrues, for each type whose policy accrues monthly, its days of the month to every active"
                    + " employee's account of the month's year; an account that has them already is left as it is,"
                    + " so a repeat or a catch-up changes only what is missing. Resumes a run cut short.")
    @ResponseStatus(HttpStatus.OK)
    @ProblemResponse(status = 400, rules = "invalid-period")
    @ProblemResponse(status = 422, rules = "period-not-started")
    @PostMapping("/accruals/{yearMonth}")
    public RunProgress accrue(@PathVariable String yearMonth, @AuthenticationPrincipal Jwt actor) {
        YearMonth month = month(yearMonth);
        if (month.atDay(1).isAfter(LocalDate.now(clock))) {
            throw RuleViolation.unprocessable("period-not-started", month + " has not started yet");
        }
        AccountJobs.Outcome outcome = jobs.accrue(month, actor.getSubject());
        return RunProgress.of(outcome.run(), outcome.changed());
    }

    @Operation(summary = "Close a year: carry over every active employee's unused days into the next (HR)",
            description = "For each type with a carry-over policy, carries each active employee's unused balance of"
                    + " the year into the next, up to the cap (as POST /api/leave-accounts/.../carry-over). Resumes a"
                    + " run cut short; running it again changes nothing (changed: 0).")
    @ResponseStatus(HttpStatus.OK)
    @ProblemResponse(status = 400, rules = "invalid-year")
    @ProblemResponse(status = 422, rules = "year-not-ended")
    @PostMapping("/year-end/{year}")
    public RunProgress closeYear(@PathVariable int year, @AuthenticationPrincipal Jwt actor) {
        requireYear(year);
        if (year >= LocalDate.now(clock).getYear()) {
            throw RuleViolation.unprocessable("year-not-ended", year + " has not ended yet");
        }
        AccountJobs.Outcome outcome = jobs.closeYear(year, actor.getSubject());
        return RunProgress.of(outcome.run(), outcome.changed());
    }

    @Operation(summary = "Where a year's close stands: processed of total, RUNNING or COMPLETED (HR)")
    @ResponseStatus(HttpStatus.OK)
    @ProblemResponse(status = 400, rules = "invalid-year")
    @ProblemResponse(status = 404, rules = "year-end-not-started")
    @GetMapping("/year-end/{year}")
    public RunProgress yearEndProgress(@PathVariable int year) {
        requireYear(year);
        return jobs.progress(AccountJobs.YEAR_END, Integer.toString(year)).map(run -> RunProgress.of(run, null))
                .orElseThrow(() -> RuleViolation.notFound("year-end-not-started", "the close of " + year
                        + " has not been started"));
    }

    private static YearMonth month(String text) {
        try {
            YearMonth month = YearMonth.parse(text);
            requireYear(month.getYear());
            return month;
        } catch (DateTimeParseException e) {
            throw RuleViolation.invalid("invalid-period", "a month is written 2027-03, not " + text);
        }
    }

    private static void requireYear(int year) {
        if (year < LeaveAccountController.FIRST_YEAR || year > LeaveAccountController.LAST_YEAR) {
            throw RuleViolation.invalid("invalid-year", "the ledger keeps the years "
                    + LeaveAccountController.FIRST_YEAR + "–" + LeaveAccountController.LAST_YEAR + ", not " + year);
        }
    }
}
