package com.leaveledger.command.integrity;

import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.command.web.EmployeeController;
import com.leaveledger.command.web.LeaveAccountController;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@SecurityRequirement(name = "bearer")
public class IntegrityController {

    private static final Logger log = LoggerFactory.getLogger(IntegrityController.class);
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final StoreVerification verification;
    private final EvidenceBundles bundles;

    public IntegrityController(StoreVerification verification, EvidenceBundles bundles) {
        this.verification = verification;
        this.bundles = bundles;
    }

    @Operation(summary = "Verify the event store and its signed checkpoints now (COMPLIANCE)",
            description = "Recomputes every stored event's content and chain hash, checks every checkpoint's signature"
                    + " and chain, and the store's heads and count at the latest checkpoint's position. 200 with"
                    + " status VERIFIED or BROKEN; a BROKEN report names the break of the lowest global index"
                    + " (docs/runbooks/verifying-the-ledger.md).")
    @GetMapping("/api/audit/integrity")
    public IntegrityReport verify() {
        return verification.verify();
    }

    @Operation(summary = "An employee's evidence bundle, to verify offline (COMPLIANCE)",
            description = "Streams NDJSON of format leave-ledger/bundle/v1 (docs/bundle-format.md): the public keys,"
                    + " the checkpoints from the last one created before `from` on, the employee's aggregates'"
                    + " heads at the latest checkpoint with their Merkle inclusion proofs, and every event of those"
                    + " aggregates as stored — in full when stamped within [from, to], else as a content hash. Verify"
                    + " it with `java -jar verifier.jar bundle.ndjson`. 404 `employee-not-found` when the store holds"
                    + " nothing of the employee.",
            responses = @ApiResponse(responseCode = "200", description = "the bundle",
                    content = @Content(mediaType = "application/x-ndjson",
                            schema = @Schema(type = "string", description = "one JSON object per line"))))
    @ProblemResponse(status = 400, rules = "invalid-period")
    @ProblemResponse(status = 404, rules = "employee-not-found")
    @GetMapping("/api/audit/bundle")
    public ResponseEntity<StreamingResponseBody> bundle(
            @RequestParam @Pattern(regexp = EmployeeController.ID_PATTERN,
                    message = "1–64 letters, digits, '.', '_' or '-'") String employeeId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @WithinYears(from = LeaveAccountController.FIRST_YEAR, to = LeaveAccountController.LAST_YEAR) Instant from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @WithinYears(from = LeaveAccountController.FIRST_YEAR, to = LeaveAccountController.LAST_YEAR) Instant to,
            @AuthenticationPrincipal Jwt actor) {
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("invalid-period", "to " + to + " is before from " + from);
        }
        if (!bundles.knows(employeeId)) {
            throw RuleViolation.notFound("employee-not-found", "the ledger holds no event of employee " + employeeId);
        }
        // who took which events out in full is itself worth keeping
        log.info("evidence bundle of employee {} for [{}, {}] exported by {}", employeeId, from, to, actor.getSubject());
        String file = "bundle-" + employeeId + ".ndjson";
        return ResponseEntity.ok()
                .contentType(NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(out -> bundles.write(employeeId, from, to, out));
    }
}
