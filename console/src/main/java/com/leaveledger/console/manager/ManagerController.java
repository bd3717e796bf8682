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
 * The manager's pages: pending approvals, each with its employee's balance of its leave type from the same answer
 * (approve with a comment, reject with a reason), and the team calendar as a month grid with the team's public
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
        Map<String, Object> page = notices.take(backends.query().getMap(user.token(), uri -> uri
                .path("/api/managers/{id}/pending-approvals").queryParam("size", 200).build(user.id())), Map.of(),
                "your pending approvals");
        model.addAttribute("pending", page.getOrDefault("items", List.of()));
        model.addAttribute("totalPending", page.getOrDefault("totalItems", 0));
        return "manager";
    }

    @PostMapping("/manager/requests/{id}/approve")
    String approve(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                   @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return Outcomes.redirect(backends.command().post(user.token(), Outcomes.note("comment", comment),
                        uri -> uri.path("/api/leave-requests/{id}/approve").build(id)),
                "Approved. The list follows once the ledger has recorded it.", "Not approved", "/manager", redirect);
    }

    @PostMapping("/manager/requests/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return Outcomes.redirect(backends.command().post(user.token(), Outcomes.note("reason", reason),
                        uri -> uri.path("/api/leave-requests/{id}/reject").build(id)),
                "Rejected. The list follows once the ledger has recorded it.", "Not rejected", "/manager", redirect);
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
