package com.leaveledger.console.manager;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.Notices;
import com.leaveledger.console.web.Outcomes;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The manager's pages: pending approvals, each with the levels it passed and its employee's balance of its leave type
 * from the same answer (approve with a comment, reject with a reason), and the team calendar as a month grid with the team's public
 * holidays.
 */
@Controller
public class ManagerController {

    private final Backends backends;
    private final Notices notices;

    public ManagerController(Backends backends, Notices notices) {
        this.backends = backends;
        this.notices = notices;
    }

    @GetMapping("/manager")
    String pending(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return approvals(notices.take(backends.query().getMap(user.token(), uri -> uri
                .path("/api/managers/{id}/pending-approvals").queryParam("size", 200).build(user.id())), Map.of(),
                "your pending approvals"), "/manager", model);
    }

    /** The approvals page (a manager's or HR's, {@code base}) of one answer of query-side. */
    public static String approvals(Map<String, Object> page, String base, Model model) {
        model.addAttribute("pending", page.getOrDefault("items", List.of()));
        model.addAttribute("totalPending", page.getOrDefault("totalItems", 0));
        model.addAttribute("base", base);
        return "approvals";
    }

    @PostMapping("/manager/requests/{id}/approve")
    String approve(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                   @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return decide(backends, user, id, "approve", "comment", comment, "/manager", redirect);
    }

    @PostMapping("/manager/requests/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return decide(backends, user, id, "reject", "reason", reason, "/manager", redirect);
    }

    /** Approves ({@code comment}) or rejects ({@code reason}) the level the request awaits, back to {@code page}. */
    public static String decide(Backends backends, ConsoleUser user, String id, String decision, String member,
                                String note, String page, RedirectAttributes redirect) {
        boolean approve = "approve".equals(decision);
        return Outcomes.redirect(backends.command().post(user.token(), Outcomes.note(member, note),
                        uri -> uri.path("/api/leave-requests/{id}/" + decision).build(id)),
                (approve ? "Approved" : "Rejected") + ". The list follows once the ledger has recorded it.",
                approve ? "Not approved" : "Not rejected", page, redirect);
    }

    @GetMapping("/manager/calendar")
    @SuppressWarnings("unchecked")
    String calendar(@AuthenticationPrincipal ConsoleUser user,
                    @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth month,
                    Model model) {
        YearMonth shown = month == null ? YearMonth.now() : month;
        Map<String, Object> calendar = notices.take(backends.query().getMap(user.token(), uri -> uri
                .path("/api/team-calendar").queryParam("managerId", user.id())
                .queryParam("from", shown.atDay(1)).queryParam("to", shown.atEndOfMonth()).build()), Map.of(),
                "the team calendar");
        model.addAttribute("grid", MonthGrid.of(shown,
                (List<Map<String, Object>>) calendar.getOrDefault("days", List.of()),
                (List<Map<String, Object>>) calendar.getOrDefault("holidays", List.of())));
        model.addAttribute("previous", shown.minusMonths(1));
        model.addAttribute("next", shown.plusMonths(1));
        return "calendar";
    }
}
