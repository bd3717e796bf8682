package com.leaveledger.console.hr;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.manager.ManagerController;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.Notices;
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
 * HR's pending approvals: the requests waiting at an HR level (their own left out), each with the levels it passed
 * and its employee's balance from the same answer, approved with a comment or rejected with a reason — the manager's
 * approvals page, on {@code GET /api/hr/pending-approvals}.
 */
@Controller
public class HrController {

    private final Backends backends;
    private final Notices notices;

    public HrController(Backends backends, Notices notices) {
        this.backends = backends;
        this.notices = notices;
    }

    @GetMapping("/hr")
    String pending(@AuthenticationPrincipal ConsoleUser user, Model model) {
        return ManagerController.approvals(notices.take(backends.query().getMap(user.token(), uri -> uri
                        .path("/api/hr/pending-approvals").queryParam("size", 200).build()), Map.of(),
                "the requests awaiting HR"), "/hr", model);
    }

    @PostMapping("/hr/requests/{id}/approve")
    String approve(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                   @RequestParam(defaultValue = "") String comment, RedirectAttributes redirect) {
        return ManagerController.decide(backends, user, id, "approve", "comment", comment, "/hr", redirect);
    }

    @PostMapping("/hr/requests/{id}/reject")
    String reject(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return ManagerController.decide(backends, user, id, "reject", "reason", reason, "/hr", redirect);
    }
}
