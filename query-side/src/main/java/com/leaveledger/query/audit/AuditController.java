package com.leaveledger.query.audit;

import com.leaveledger.query.audit.AuditQueries.AuditEvent;
import com.leaveledger.query.audit.LedgerFold.AccountBalance;
import com.leaveledger.query.audit.RequestFold.RequestState;
import com.leaveledger.query.web.PageRequest;
import com.leaveledger.query.web.PageResult;
import com.leaveledger.support.rules.RuleViolation;
import com.leaveledger.query.web.QueryYears;
import com.leaveledger.support.validation.PlainText;
import com.leaveledger.support.validation.WithinYears;
import com.leaveledger.support.web.openapi.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Compliance audit (role COMPLIANCE): event timelines, balances and leave requests as of an instant, streamed
 * exports.
 */
@RestController
public class AuditController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final AuditQueries queries;
    private final AuditExport export;
    private final Clock clock;

    public AuditController(AuditQueries queries, AuditExport export, Clock clock) {
        this.queries = queries;
        this.export = export;
        this.clock = clock;
    }

    @Operation(summary = "Every event of a leave request, with actor, correlation and causation id and payload")
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @GetMapping("/api/audit/leave-requests/{id}")
    RequestTimeline leaveRequest(@PathVariable String id) {
        List<AuditEvent> events = queries.forLeaveRequest(id);
        if (events.isEmpty()) {
            throw RuleViolation.notFound("leave-request-not-found", "no event of leave request " + id);
        }
        return new RequestTimeline(id, events);
    }

    @Operation(summary = "Every event of an employee, filtered by time range [from, to), event type and actor")
    @ProblemResponse(status = 400, rules = "invalid-period")
    @GetMapping("/api/audit/employees/{id}")
    PageResult<AuditEvent> employee(@PathVariable String id,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                    @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                    @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant to,
                                    @RequestParam(required = false) @PlainText @Size(max = 200) String type,
                                    @RequestParam(required = false) @PlainText @Size(max = 200) String actor,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        requireOrdered(from, to);
        return queries.forEmployee(id, new AuditQueries.Filter(from, to, blankToNull(type), blankToNull(actor)),
                PageRequest.of(page, size));
    }

    @Operation(summary = "The employee's balances at an instant, folded from the event history (default: now)")
    @GetMapping("/api/audit/employees/{id}/balances")
    BalancesAsOf balancesAsOf(@PathVariable String id,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                              @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant asOf) {
        Instant instant = asOf == null ? clock.instant() : asOf;
        LedgerFold fold = queries.balancesAsOf(id, instant);
        return new BalancesAsOf(id, instant, fold.applied(), fold.balances());
    }

    @Operation(summary = "A leave request as it stood at an instant, folded from its events (default: now)")
    @ProblemResponse(status = 404, rules = "leave-request-not-found")
    @GetMapping("/api/audit/leave-requests/{id}/state")
    RequestAsOf leaveRequestAsOf(@PathVariable String id,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant asOf) {
        Instant instant = asOf == null ? clock.instant() : asOf;
        RequestFold fold = queries.requestAsOf(id, instant);
        RequestState request = fold.request(id).orElseThrow(() -> RuleViolation.notFound(
                "leave-request-not-found", "leave request " + id + " was not submitted by " + instant));
        return new RequestAsOf(id, instant, fold.applied(), request);
    }

    @Operation(summary = "An employee's leave requests as they stood at an instant, folded from their events "
            + "(default: now)")
    @GetMapping("/api/audit/employees/{id}/leave-requests")
    RequestsAsOf leaveRequestsAsOf(@PathVariable String id,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                   @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant asOf) {
        Instant instant = asOf == null ? clock.instant() : asOf;
        RequestFold fold = queries.requestsAsOf(id, instant);
        return new RequestsAsOf(id, instant, fold.applied(), fold.requests());
    }

    @Operation(summary = "The audit log between two instants, streamed as CSV or NDJSON",
            responses = @ApiResponse(responseCode = "200", description = "the audit log, as `format` asks",
                    content = {@Content(mediaType = "application/x-ndjson",
                            schema = @Schema(type = "string", description = "one JSON object per line")),
                            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))}))
    @ProblemResponse(status = 400, rules = "invalid-period")
    @GetMapping("/api/audit/export")
    ResponseEntity<StreamingResponseBody> export(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
            @WithinYears(from = QueryYears.FIRST, to = QueryYears.LAST) Instant to,
            @RequestParam(defaultValue = "ndjson") String format) {
        requireOrdered(from, to);
        AuditExport.Format chosen;
        try {
            chosen = AuditExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("invalid-request", "format is csv or ndjson, not '" + format + "'");
        }
        String file = "audit-export." + chosen.name().toLowerCase(Locale.ROOT);
        StreamingResponseBody body = out -> export.write(from, to, chosen, out);
        return ResponseEntity.ok()
                .contentType(chosen == AuditExport.Format.CSV ? CSV : NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(body);
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw RuleViolation.invalid("invalid-period", "to " + to + " is before from " + from);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public record RequestTimeline(String leaveRequestId, List<AuditEvent> events) {
    }

    /** The request at {@code asOf}; {@code eventsApplied} counts its events folded. */
    public record RequestAsOf(String leaveRequestId, Instant asOf, long eventsApplied, RequestState request) {
    }

    /** The employee's requests at {@code asOf}, latest period first; {@code eventsApplied} counts the events folded. */
    public record RequestsAsOf(String employeeId, Instant asOf, long eventsApplied, List<RequestState> requests) {
    }

    /** Balances per account at {@code asOf}; {@code eventsApplied} counts the ledger events folded. */
    public record BalancesAsOf(String employeeId, Instant asOf, long eventsApplied, List<AccountBalance> balances) {
    }
}
