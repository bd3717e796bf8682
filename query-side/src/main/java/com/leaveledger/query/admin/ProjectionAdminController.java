package com.leaveledger.query.admin;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.leaveledger.query.admin.ProjectionAdmin.ProjectionStatus;
import com.leaveledger.query.projection.VisibilityLag;
import com.leaveledger.query.replay.ReplayCoordinator;
import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.support.processing.DeadLetterAdmin.Dismissal;
import com.leaveledger.support.processing.DeadLetterAdmin.Letter;
import com.leaveledger.support.processing.DeadLetterAdmin.Letters;
import com.leaveledger.support.processing.DeadLetterAdmin.RetryOutcome;
import com.leaveledger.support.processing.DeadLetterAdmin;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Projection operations for engineers (role ENGINEER): status and lag, replay, dead letters. */
@RestController
public class ProjectionAdminController {

    private final ProjectionAdmin projections;
    private final ReplayCoordinator replays;
    private final DeadLetterAdmin deadLetters;
    private final VisibilityLag visibility;

    public ProjectionAdminController(ProjectionAdmin projections, ReplayCoordinator replays,
                                     DeadLetterAdmin deadLetters, VisibilityLag visibility) {
        this.projections = projections;
        this.replays = replays;
        this.deadLetters = deadLetters;
        this.visibility = visibility;
    }

    @Operation(summary = "Every projection: processor state, position, lag behind the topic, dead letters, replay")
    @GetMapping("/admin/projections")
    List<ProjectionStatus> all() {
        return projections.all();
    }

    @Operation(summary = "One projection, with the progress of its replay (events done, total, events/s, ETA)")
    @ProblemResponse(status = 404, rules = "projection-not-found")
    @GetMapping("/admin/projections/{name}")
    ProjectionStatus one(@PathVariable String name) {
        return projections.one(name);
    }

    @Operation(summary = "Rebuild the projection from the start of the topic into shadow tables, then switch over")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ProblemResponse(status = 404, rules = "projection-not-found")
    @ProblemResponse(status = 409, rules = "replay-in-progress")
    @PostMapping("/admin/projections/{name}/replay")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name, Authentication authentication) {
        projections.definition(name);
        replays.replay(name, authentication.getName());
        return ResponseEntity.accepted().location(URI.create("/admin/projections/" + name))
                .body(projections.one(name));
    }

    @Operation(summary = "The projection's dead letters, by sequence (employee id) and order")
    @ProblemResponse(status = 404, rules = "projection-not-found")
    @GetMapping("/admin/projections/{name}/dead-letters")
    PageResult<Letter> deadLetters(@PathVariable String name, @RequestParam(required = false) Integer page,
                                   @RequestParam(required = false) Integer size) {
        projections.definition(name);
        PageRequest request = PageRequest.of(page, size);
        Letters letters = deadLetters.list(name, request.size(), request.offset());
        return PageResult.of(letters.items(), request, letters.totalItems());
    }

    @Operation(summary = "Hand every dead-lettered sequence to the projection again; what fails again stays")
    @ProblemResponse(status = 404, rules = "projection-not-found")
    @PostMapping("/admin/projections/{name}/dead-letters/retry")
    ProjectionRetry retry(@PathVariable String name) {
        projections.definition(name);
        return new ProjectionRetry(name, deadLetters.retry(name));
    }

    @Operation(summary = "Dismiss one dead letter: Axon's queue evicts it, the letters behind it in its sequence come next",
            description = "reason (required, up to 1000 characters) is logged with the engineer's name and the letter; "
                    + "the answer is the dismissed letter with who, when and why.")
    @ProblemResponse(status = 404, rules = {"projection-not-found", "dead-letter-not-found"})
    @DeleteMapping("/admin/projections/{name}/dead-letters/{id}")
    Dismissal dismiss(@PathVariable String name, @PathVariable @PlainText @Size(max = 255) String id,
                      @RequestParam @NotBlank @PlainText @Size(max = 1000) String reason,
                      Authentication authentication) {
        projections.definition(name);
        return deadLetters.dismiss(name, id, authentication.getName(), reason.strip()).orElseThrow(() ->
                RuleViolation.notFound("dead-letter-not-found", "projection " + name
                        + " has no dead letter " + id));
    }

    @Operation(summary = "Reset the visibility-lag histograms (before a benchmark run)")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/admin/projections/visibility-lag")
    ResponseEntity<Void> resetVisibilityLag() {
        visibility.reset();
        return ResponseEntity.noContent().build();
    }

    /** A retry's outcome, named by its projection. */
    record ProjectionRetry(String projection, @JsonUnwrapped RetryOutcome outcome) {
    }
}
