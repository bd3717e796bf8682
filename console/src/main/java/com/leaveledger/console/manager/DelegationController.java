package com.leaveledger.console.manager;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.backend.Problem;
import com.leaveledger.console.backend.Reply;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import com.leaveledger.console.web.Outcomes;
import com.leaveledger.console.web.Refusal;
import com.leaveledger.console.web.Refusal.Explanation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A manager's delegations: the form to let a colleague decide their reports' requests for a period, refusals next to
 * the field they concern, and the current delegations (query-side) each with a revoke button.
 */
@Controller
public class DelegationController extends ConsoleController {

    /** The command side's delegation rules (docs/leave-policies.md, Delegation) in plain words. */
    static final Map<String, Explanation> RULES = Map.of(
            "own-delegate", new Explanation("delegateId", "You cannot delegate to yourself: pick a colleague."),
            "unknown-delegate", new Explanation("delegateId", "Nobody with this employee id is registered."),
            "delegate-erased", new Explanation("delegateId", "This colleague has left: their data was erased."),
            "invalid-period", new Explanation("to", "The last day is before the first day."),
            "delegation-in-the-past", new Explanation("to", "The period is over already: the last day is past."),
            "overlapping-delegation", new Explanation("from",
                    "This colleague already stands in for you on some of these days."));

    /** The form as the browser posts it; empty text means "not given". */
    public record DelegationForm(String delegateId, String from, String to) {

        static DelegationForm empty() {
            return new DelegationForm("", "", "");
        }

        Map<String, Object> command() {
            Map<String, Object> body = new HashMap<>();
            body.put("delegateId", blankToNull(delegateId));
            body.put("from", blankToNull(from));
            body.put("to", blankToNull(to));
            return body;
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    public DelegationController(Backends backends, Notices notices) {
        super(backends, notices);
    }

    @GetMapping("/manager/delegations")
    String page(@AuthenticationPrincipal ConsoleUser user, Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", DelegationForm.empty());
        }
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        model.addAttribute("delegations", notices.take(backends.query().getList(user.token(),
                uri -> uri.path("/api/employees/{id}/delegations").build(user.id())), List.of(), "your delegations"));
        return "delegations";
    }

    @PostMapping("/manager/delegations")
    String delegate(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") DelegationForm form,
                    Model model, RedirectAttributes redirect) {
        Reply<Map<String, Object>> reply = backends.command().post(user.token(), form.command(),
                uri -> uri.path("/api/employees/{id}/delegations").build(user.id()));
        if (reply.ok()) {
            redirect.addFlashAttribute("done", "Delegated to " + form.delegateId().strip() + " from " + form.from()
                    + " to " + form.to() + ". The list follows once the ledger has recorded it.");
            return "redirect:/manager/delegations";
        }
        Problem problem = reply.problem();
        if (problem.isDown()) {
            notices.add(problem, "your delegation (it was not sent)");
        } else {
            Refusal refusal = Refusal.of(problem, RULES);
            model.addAttribute("fieldErrors", refusal.fieldErrors());
            model.addAttribute("formError", refusal.formError());
        }
        return page(user, model);
    }

    @PostMapping("/manager/delegations/{delegationId}/revoke")
    String revoke(@AuthenticationPrincipal ConsoleUser user, @PathVariable String delegationId,
                  RedirectAttributes redirect) {
        return Outcomes.redirect(backends.command().post(user.token(), null, uri -> uri
                        .path("/api/employees/{id}/delegations/{delegationId}/revocation").build(user.id(), delegationId)),
                "Delegation revoked: from now on the colleague decides nothing more for you. The list follows once "
                        + "the ledger has recorded it.", "Not revoked", "/manager/delegations", redirect);
    }
}
