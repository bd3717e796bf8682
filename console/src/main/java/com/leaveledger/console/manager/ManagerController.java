package com.leaveledger.console.manager;

import com.leaveledger.console.backend.Backends;
import com.leaveledger.console.signin.ConsoleUser;
import com.leaveledger.console.web.ConsoleController;
import com.leaveledger.console.web.Notices;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The manager's team calendar as a month grid with the team's public holidays (the approvals are
 * {@link com.leaveledger.console.approvals.ApprovalController}'s).
 */
@Controller
public class ManagerController extends ConsoleController {

    public ManagerController(Backends backends, Notices notices) {
        super(backends, notices);
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
