package com.leaveledger.console.approvals;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.backend.Reply;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import com.leaveledger.console.web.Outcomes;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals pages of both desks, a manager's ({@code /manager}) and HR's ({@code /hr}): the requests waiting at
 * the desk's level (an HR member's own left out), each with the levels it passed and its employee's balance of its
 * leave type from the same answer of query-side, approved with a comment or rejected with a reason. The desks differ
 * only in the query they ask; a decision is the same command from either.
 */
@Controller
public class ApprovalController extends ConsoleController {

    public ApprovalController(Backends backends, Notices notices) {
        super(backends, notices);
    }

    @GetMapping("/manager")
    String managerPending(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return pending(backends.query().getMap(user.token(), uri -> uri
                .path("/api/managers/{id}/pending-approvals").queryParam("size", 200).build(user.id())),
                "your pending approvals", "/manager", model);
    }

    @GetMapping("/hr")
    String hrPending(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return pending(backends.query().getMap(user.token(), uri -> uri
                .path("/api/hr/pending-approvals").queryParam("size", 200).build()),
                "the requests awaiting HR", "/hr", model);
    }

    /** The approvals page of {@code desk} from one answer of query-side. */
    private String pending(Reply<Map<String, Object>> reply, String what, String desk, Model model) {
        Map<String, Object> page = notices.take(reply, Map.of(), what);
        model.addAttribute("pending", page.getOrDefault("items", List.of()));
        model.addAttribute("totalPending", page.getOrDefault("totalItems", 0));
        model.addAttribute("base", desk);
        return "approvals";
    }

    @PostMapping("/{desk:manager|hr}/requests/{id}/approve")
    String approve(@AuthenticationPrincipal ConsoleUser user, @PathVariable String desk, @PathVariable String id,
                   @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return decide(user, id, "approve", "comment", comment, "/" + desk, redirect);
    }

    @PostMapping("/{desk:manager|hr}/requests/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable String desk, @PathVariable String id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return decide(user, id, "reject", "reason", reason, "/" + desk, redirect);
    }

    /** Approves ({@code comment}) or rejects ({@code reason}) the level the request awaits, back to {@code page}. */
    private String decide(ConsoleUser user, String id, String decision, String member, String note, String page,
                          RedirectAttributes redirect) {
        boolean approve = "approve".equals(decision);
        return Outcomes.redirect(backends.command().post(user.token(), Outcomes.note(member, note),
                        uri -> uri.path("/api/leave-requests/{id}/" + decision).build(id)),
                (approve ? "Approved" : "Rejected") + ". The list follows once the ledger has recorded it.",
                approve ? "Not approved" : "Not rejected", page, redirect);
    }
}
