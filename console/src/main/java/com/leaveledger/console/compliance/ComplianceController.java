package com.leaveledger.console.compliance;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.backend.Reply;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriBuilder;

/**
 * Compliance pages: an employee's audit timeline (filtered by time, type and actor; each event expands to its
 * payload, actor, correlation and causation), a request's timeline with its state (the approval levels passed and
 * awaited), balances as of an instant, the export as a
 * download, and the ledger's verification on demand.
 */
@Controller
public class ComplianceController extends ConsoleController {

    public ComplianceController(Backends backends, Notices notices) {
        super(backends, notices);
    }

    /** Filters as the form posts them: dates (UTC days, {@code to} inclusive), type and actor, page. */
    public record Filter(String employeeId, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String type, String actor, Integer page) {

        void apply(UriBuilder uri) {
            if (from != null) {
                uri.queryParam("from", from.atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (to != null) {
                uri.queryParam("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (type != null && !type.isBlank()) {
                uri.queryParam("type", type.strip());
            }
            if (actor != null && !actor.isBlank()) {
                uri.queryParam("actor", actor.strip());
            }
            uri.queryParam("page", page == null ? 0 : page).queryParam("size", 50);
        }
    }

    @GetMapping("/compliance")
    String timeline(@AuthenticationPrincipal ConsoleUser user, Filter filter, Model model) {
        model.addAttribute("filter", filter);
        if (filter.employeeId() != null && !filter.employeeId().isBlank()) {
            Map<String, Object> page = notices.take(backends.query().getMap(user.token(), uri -> {
                uri.path("/api/audit/employees/{id}");
                filter.apply(uri);
                return uri.build(filter.employeeId().strip());
            }), Map.of(), "the audit timeline");
            model.addAttribute("events", page.getOrDefault("items", List.of()));
            model.addAttribute("page", page);
        }
        return "compliance";
    }

    @GetMapping("/compliance/requests/{id}")
    String requestTimeline(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        Map<String, Object> timeline = notices.take(backends.query().getMap(user.token(),
                uri -> uri.path("/api/audit/leave-requests/{id}").build(id)), Map.of(), "the request's timeline");
        model.addAttribute("requestId", id);
        model.addAttribute("events", timeline.getOrDefault("events", List.of()));
        Map<String, Object> state = notices.take(backends.query().getMap(user.token(),
                uri -> uri.path("/api/audit/leave-requests/{id}/state").build(id)), Map.of(), "the request's state");
        model.addAttribute("state", state.get("request"));
        return "request-timeline";
    }

    @GetMapping("/compliance/balances")
    String balancesAsOf(@AuthenticationPrincipal ConsoleUser user, @RequestParam(defaultValue = "") String employeeId,
                        @RequestParam(required = false) String asOf, Model model) {
        model.addAttribute("employeeId", employeeId);
        model.addAttribute("asOf", asOf);
        if (!employeeId.isBlank()) {
            Instant instant;
            try {
                instant = asOf == null || asOf.isBlank() ? Instant.now()
                        : java.time.LocalDateTime.parse(asOf).toInstant(ZoneOffset.UTC);
            } catch (java.time.format.DateTimeParseException e) {
                model.addAttribute("asOfError", "Give the instant as a date and time, e.g. 2027-03-02T09:00.");
                return "balances-as-of";
            }
            Map<String, Object> answer = notices.take(backends.query().getMap(user.token(), uri -> uri
                    .path("/api/audit/employees/{id}/balances").queryParam("asOf", instant)
                    .build(employeeId.strip())), Map.of(), "the balances as of " + instant);
            model.addAttribute("answer", answer);
        }
        return "balances-as-of";
    }

    /** The audit export streamed from query-side to the browser as a download, row by row. */
    @GetMapping("/compliance/export")
    String export(@AuthenticationPrincipal ConsoleUser user, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(defaultValue = "csv") String format, HttpServletResponse response, Model model)
            throws IOException {
        String extension = "ndjson".equals(format) ? "ndjson" : "csv";
        Reply<Void> reply = backends.query().download(user.token(), uri -> uri.path("/api/audit/export")
                        .queryParam("from", from.atStartOfDay(ZoneOffset.UTC).toInstant())
                        .queryParam("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                        .queryParam("format", extension).build(),
                headers -> {
                    response.setContentType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
                    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + from
                            + "-" + to + "." + extension + "\"");
                },
                response::getOutputStream);
        if (reply.ok()) {
            return null;
        }
        notices.add(reply.problem(), "the export");
        model.addAttribute("filter", new Filter(null, from, to, null, null, null));
        return "compliance";
    }

    @GetMapping("/compliance/integrity")
    String integrity() {
        return "integrity";
    }

    /** Recomputes every hash and checks every checkpoint on command-side: as long as the ledger is large. */
    @PostMapping("/compliance/integrity")
    String verify(@AuthenticationPrincipal ConsoleUser user, Model model) {
        model.addAttribute("result", notices.take(backends.command().getMap(user.token(),
                uri -> uri.path("/api/audit/integrity").build()), null, "the verification"));
        model.addAttribute("verifiedAt", Instant.now());
        return "integrity";
    }
}
