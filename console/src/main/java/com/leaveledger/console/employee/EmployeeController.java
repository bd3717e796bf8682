package com.leaveledger.console.employee;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.backend.Problem;
import com.leaveledger.console.backend.Reply;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import com.leaveledger.console.web.Outcomes;
import com.leaveledger.console.web.Refusal;
import java.time.Year;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The employee's page: balances of a year, the request form and the requests (loaded as a fragment of their own, so
 * that each request to the console calls query-side once); and one request in full.
 */
@Controller
public class EmployeeController extends ConsoleController {

    static final List<String> LEAVE_TYPES = List.of("ANNUAL", "SICK", "PARENTAL", "UNPAID");

    public EmployeeController(Backends backends, Notices notices) {
        super(backends, notices);
    }

    @GetMapping("/employee")
    String page(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) Integer year,
                Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", LeaveForm.empty());
        }
        return render(user, year == null ? Year.now().getValue() : year, model);
    }

    private String render(ConsoleUser user, int year, Model model) {
        Map<String, Object> balances = notices.take(backends.query().getMap(user.token(), uri -> uri
                .path("/api/employees/{id}/balances").queryParam("year", year).build(user.id())), Map.of(),
                "your balances");
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        model.addAttribute("year", year);
        model.addAttribute("balances", balances.getOrDefault("balances", List.of()));
        model.addAttribute("leaveTypes", LEAVE_TYPES);
        return "employee";
    }

    @GetMapping("/employee/requests")
    String requests(@AuthenticationPrincipal ConsoleUser user, Model model) {
        Map<String, Object> page = notices.take(backends.query().getMap(user.token(), uri -> uri
                .path("/api/employees/{id}/leave-requests").queryParam("size", 50).build(user.id())), Map.of(),
                "your requests");
        model.addAttribute("requests", page.getOrDefault("items", List.of()));
        model.addAttribute("partial", true);
        return "employee-parts :: requests";
    }

    @PostMapping("/employee/requests")
    String submit(@AuthenticationPrincipal ConsoleUser user, @ModelAttribute("form") LeaveForm form, Model model,
                  RedirectAttributes redirect) {
        Reply<Map<String, Object>> reply = backends.command().post(user.token(), form.command(user.id()),
                uri -> uri.path("/api/leave-requests").build());
        if (reply.ok()) {
            redirect.addFlashAttribute("submitted", reply.body().get("leaveRequestId"));
            return "redirect:/employee";
        }
        Problem problem = reply.problem();
        if (problem.isDown()) {
            notices.add(problem, "your request (it was not sent)");
        } else {
            Refusal refusal = Refusal.of(problem, LeaveRules.RULES);
            model.addAttribute("fieldErrors", refusal.fieldErrors());
            model.addAttribute("formError", refusal.formError());
            model.addAttribute("refusedRule", problem.rule());
        }
        int year = form.startDate() != null && form.startDate().matches("\\d{4}-.*")
                ? Integer.parseInt(form.startDate().substring(0, 4)) : Year.now().getValue();
        return render(user, year, model);
    }

    /**
     * The working days the period in the form would take, asked of command-side (which counts them as a submit
     * would), shown live under the dates; nothing until both dates are filled in.
     */
    @GetMapping("/employee/working-days")
    String workingDays(@AuthenticationPrincipal ConsoleUser user, @RequestParam(required = false) String startDate,
                       @RequestParam(required = false) String endDate,
                       @RequestParam(defaultValue = "false") boolean halfDayStart,
                       @RequestParam(defaultValue = "false") boolean halfDayEnd, Model model) {
        model.addAttribute("partial", true);
        if (startDate == null || startDate.isBlank() || endDate == null || endDate.isBlank()) {
            return "employee-parts :: working-days";
        }
        Reply<Map<String, Object>> reply = backends.command().getMap(user.token(), uri -> uri.path("/api/working-days")
                .queryParam("employeeId", user.id()).queryParam("startDate", startDate)
                .queryParam("endDate", endDate).queryParam("halfDayStart", halfDayStart)
                .queryParam("halfDayEnd", halfDayEnd).build());
        if (reply.ok()) {
            model.addAttribute("preview", reply.body());
        } else if (reply.problem().isDown()) {
            notices.add(reply.problem(), "the working days of that period");
        } else {
            Refusal.Explanation explanation = LeaveRules.explain(reply.problem().rule());
            model.addAttribute("previewRefusal", explanation != null ? explanation.words() : reply.problem().detail());
        }
        return "employee-parts :: working-days";
    }

    /**
     * One of the employee's requests in full: status, period, the approval levels passed (by whom, on whose behalf)
     * and the one awaited, and its history.
     */
    @GetMapping("/employee/requests/{id}")
    String request(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        model.addAttribute("requestId", id);
        model.addAttribute("request", notices.take(backends.query().getMap(user.token(),
                uri -> uri.path("/api/leave-requests/{id}").build(id)), null, "the request"));
        return "request";
    }

    /** The submitted request once query-side has it: status and the working days it takes (polled until then). */
    @GetMapping("/employee/requests/{id}/summary")
    String summary(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id, Model model) {
        Reply<Map<String, Object>> reply = backends.query().getMap(user.token(),
                uri -> uri.path("/api/leave-requests/{id}").build(id));
        model.addAttribute("requestId", id);
        model.addAttribute("request", reply.ok() ? reply.body() : null);
        model.addAttribute("pending", !reply.ok() && reply.problem().status() == 404);
        if (!reply.ok() && reply.problem().status() != 404) {
            notices.add(reply.problem(), "the request");
        }
        model.addAttribute("partial", true);
        return "employee-parts :: summary";
    }

    @PostMapping("/employee/requests/{id}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleUser user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        return Outcomes.redirect(backends.command().post(user.token(), Outcomes.note("reason", reason),
                        uri -> uri.path("/api/leave-requests/{id}/cancel").build(id)),
                "Request cancelled; the days are back on your balance once the ledger has recorded it.",
                "Not cancelled", "/employee", redirect);
    }
}
