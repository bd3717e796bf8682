package com.leaveledger.notification.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.support.processing.DeadLetterAdmin.Dismissal;
import com.leaveledger.support.processing.DeadLetterAdmin.Letters;
import com.leaveledger.support.processing.DeadLetterAdmin.RetryOutcome;
import com.leaveledger.support.processing.DeadLetterAdmin;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dead letters of the processors that use Axon's sequenced dead-letter queue, {@code employee-directory} and
 * {@code notification-inbox} (role ENGINEER; docs/adr/0031, docs/runbooks/dead-letters.md): listed, retried and
 * dismissed one by one with a reason, as the query side's projection dead letters. The saga's own dead letters are
 * {@code /admin/dead-letters}.
 */
@RestController
@RequestMapping("/admin/processors/{name}/dead-letters")
public class ProcessorDeadLetterController {

    private final DeadLetterAdmin deadLetters;

    public ProcessorDeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ProblemResponse(status = 404, rules = "unknown-processor")
    @GetMapping
    @Operation(summary = "The processor's dead letters, by sequence (employee id) and order",
            description = "name: employee-directory or notification-inbox; limit 1–1000 (100) from offset (0).")
    public Letters list(@PathVariable @PlainText @Size(max = 100) String name,
                        @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                        @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return deadLetters.list(known(name), limit, offset);
    }

    @ProblemResponse(status = 404, rules = "unknown-processor")
    @PostMapping("/retry")
    @Operation(summary = "Hand every dead-lettered sequence to the processor again; what fails again stays",
            description = "Answers how many sequences were tried and cleared and how many letters are left.")
    public RetryOutcome retry(@PathVariable @PlainText @Size(max = 100) String name) {
        return deadLetters.retry(known(name));
    }

    @ProblemResponse(status = 404, rules = {"unknown-processor", "dead-letter-not-found"})
    @DeleteMapping("/{id}")
    @Operation(summary = "Dismiss one dead letter: Axon's queue evicts it, the letters behind it in its sequence come next",
            description = "reason (required, up to 1000 characters) is logged with the engineer's name and the letter; "
                    + "the answer is the dismissed letter with who, when and why.")
    public Dismissal dismiss(@PathVariable @PlainText @Size(max = 100) String name,
                             @PathVariable @PlainText @Size(max = 255) String id,
                             @RequestParam @NotBlank @PlainText @Size(max = 1000) String reason,
                             @AuthenticationPrincipal Jwt caller) {
        return deadLetters.dismiss(known(name), id, caller.getSubject(), reason.strip()).orElseThrow(() ->
                RuleViolation.notFound("dead-letter-not-found", "processor " + name + " has no dead letter " + id));
    }

    private String known(String name) {
        if (!deadLetters.administers(name)) {
            throw RuleViolation.notFound("unknown-processor",
                    "no processor with a dead-letter queue is named " + name);
        }
        return name;
    }
}
