package com.leaveledger.notification.web;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.notification.deadletter.DeadLetter;
import com.leaveledger.notification.deadletter.DeadLetterService;
import com.leaveledger.notification.deadletter.DeadLetterStore;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Dead-letter administration (role ENGINEER); see docs/runbooks/dead-letters.md. */
@RestController
@RequestMapping("/admin/dead-letters")
public class DeadLetterController {

    private final DeadLetterStore store;
    private final DeadLetterService service;

    public DeadLetterController(DeadLetterStore store, DeadLetterService service) {
        this.store = store;
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "Dead letters with their cause, newest first",
            description = "status: OPEN (default), RETRIED, DISMISSED or ALL.")
    public List<DeadLetter> list(@RequestParam(defaultValue = "OPEN") String status,
                                 @RequestParam(defaultValue = "100") int limit) {
        DeadLetter.Status filter;
        try {
            filter = "ALL".equalsIgnoreCase(status) ? null : DeadLetter.Status.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("invalid-request",
                    "status must be OPEN, RETRIED, DISMISSED or ALL");
        }
        return store.list(filter, Math.max(1, Math.min(limit, 1000)));
    }

    @ProblemResponse(status = 404, rules = "not-found")
    @GetMapping("/{id}")
    @Operation(summary = "One dead letter")
    public DeadLetter one(@PathVariable UUID id) {
        return store.find(id).orElseThrow(() -> new com.leaveledger.notification.deadletter.DeadLetterNotFoundException(id));
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 404, rules = "not-found")
    @ProblemResponse(status = 409, rules = "dead-letter-closed")
    @PostMapping("/{id}/retry")
    @Operation(summary = "Send it round again (202); a delivery keeps its idempotency key")
    public ResponseEntity<Void> retry(@PathVariable UUID id, @AuthenticationPrincipal Jwt caller) {
        service.retry(id, caller.getSubject());
        return ResponseEntity.accepted().build();
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @ProblemResponse(status = 404, rules = "not-found")
    @ProblemResponse(status = 409, rules = "dead-letter-closed")
    @DeleteMapping("/{id}")
    @Operation(summary = "Dismiss it (204); the dismissal is recorded with who and why")
    public ResponseEntity<Void> dismiss(@PathVariable UUID id,
                                        @RequestParam(required = false) @PlainText @Size(max = 1000) String reason,
                                        @AuthenticationPrincipal Jwt caller) {
        service.dismiss(id, caller.getSubject(), reason);
        return ResponseEntity.noContent().build();
    }
}
