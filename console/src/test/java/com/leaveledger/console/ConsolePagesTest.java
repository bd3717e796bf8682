package com.leaveledger.console;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.leaveledger.console.signin.ConsoleUser;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.hamcrest.Matchers;

/**
 * The console's pages with no service running (every base URL points at a closed port): they still render, with a
 * banner naming the service; roles and sessions are messages. The journeys against real services are e2e's
 * ConsoleE2eIT, in a browser.
 */
@SpringBootTest(properties = {"ledger.console.command-url=http://127.0.0.1:9", "ledger.console.query-url=http://127.0.0.1:9",
        "ledger.console.notification-url=http://127.0.0.1:9", "ledger.console.timeout=1s"})
@ActiveProfiles("dev")
@AutoConfigureMockMvc
class ConsolePagesTest {

    @Autowired
    private MockMvc mvc;

    @Test
    void aPageWithoutSignInGoesToSignIn() throws Exception {
        mvc.perform(get("/employee")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/signin"));
        mvc.perform(get("/signin")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("<label for=\"employeeId\">Employee id</label>")));
    }

    @Test
    void theStylesheetAndHtmxAreServedBesideThePages() throws Exception {
        mvc.perform(get("/css/console.css")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("ol.levels")));
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
    }

    @Test
    void devSignInMintsATokenAndOpensTheFirstPageOfTheRoles() throws Exception {
        mvc.perform(post("/signin").with(csrf()).param("employeeId", "mia").param("roles", "MANAGER"))
                .andExpect(redirectedUrl("/manager"));
        mvc.perform(post("/signin").with(csrf()).param("employeeId", "hana").param("roles", "HR"))
                .andExpect(redirectedUrl("/hr"));
        mvc.perform(post("/signin").with(csrf()).param("employeeId", "has space").param("roles", "MANAGER"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("without spaces")));
    }

    @Test
    void aServiceThatIsDownIsNamedAndThePageStillRenders() throws Exception {
        mvc.perform(get("/employee").with(signedIn("EMPLOYEE")).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("query-side is not answering")))
                .andExpect(content().string(Matchers.containsString("id=\"leave-form\"")));
        mvc.perform(get("/engineer/dead-letters").with(signedIn("ENGINEER")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("notification-saga is not answering")));
        mvc.perform(get("/engineer/notifications").with(signedIn("ENGINEER")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("notification-saga is not answering, so the "
                        + "latest requests&#39; notifications cannot be shown")));
        mvc.perform(get("/engineer").with(signedIn("ENGINEER")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("so the circuit breakers cannot be shown")))
                .andExpect(content().string(Matchers.containsString("query-side is not answering")));
    }

    @Test
    void aDismissalWithoutAReasonIsRefusedBeforeAnyCall() throws Exception {
        mvc.perform(post("/engineer/projections/balances/dead-letters/some-letter/dismiss").with(signedIn("ENGINEER"))
                        .with(csrf()).param("reason", "  "))
                .andExpect(redirectedUrl("/engineer/projections/balances/dead-letters"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("failed", "A dismissal needs a reason."));
    }

    @Test
    void aProcessorQueueOfTheSagaRendersWithoutTheSagaAndItsDismissalNeedsAReason() throws Exception {
        mvc.perform(get("/engineer/dead-letters").param("queue", "employee-directory").with(signedIn("ENGINEER")))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("notification-saga is not answering, so the "
                        + "dead letters of employee-directory cannot be shown")))
                .andExpect(content().string(Matchers.containsString("Dead letters of <span>employee-directory</span>")))
                .andExpect(content().string(Matchers.containsString(
                        "action=\"/engineer/dead-letters/processors/employee-directory/retry\"")));
        mvc.perform(post("/engineer/dead-letters/processors/employee-directory/some-letter/dismiss")
                        .with(signedIn("ENGINEER")).with(csrf()).param("reason", "  "))
                .andExpect(redirectedUrl("/engineer/dead-letters?queue=employee-directory"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("failed", "A dismissal needs a reason."));
    }

    @Test
    void theWorkingDaysPreviewWaitsForBothDaysAndNamesAServiceThatIsDown() throws Exception {
        mvc.perform(get("/employee/working-days").with(signedIn("EMPLOYEE")).param("startDate", "2027-03-01"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("once both days are filled in")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("not answering"))));
        mvc.perform(get("/employee/working-days").with(signedIn("EMPLOYEE")).param("startDate", "2027-03-01")
                        .param("endDate", "2027-03-05").param("halfDayEnd", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("command-side is not answering")));
    }

    @Test
    void theMonthGridRendersWithoutTheCalendarService() throws Exception {
        mvc.perform(get("/manager/calendar").with(signedIn("MANAGER")).param("month", "2027-03"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("query-side is not answering")))
                .andExpect(content().string(Matchers.containsString("data-date=\"2027-03-26\"")));
    }

    @Test
    void aCommandToAServiceThatIsDownKeepsTheFormAndSaysSo() throws Exception {
        mvc.perform(post("/employee/requests").with(signedIn("EMPLOYEE")).with(csrf())
                        .param("leaveType", "ANNUAL").param("startDate", "2027-03-01").param("endDate", "2027-03-05"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("command-side is not answering")))
                .andExpect(content().string(Matchers.containsString("value=\"2027-03-01\"")));
    }

    @Test
    void aPageTheRolesDoNotAllowIsAMessage() throws Exception {
        mvc.perform(get("/engineer").with(signedIn("EMPLOYEE")))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/forbidden"));
        mvc.perform(get("/forbidden").with(signedIn("EMPLOYEE")))
                .andExpect(content().string(Matchers.containsString("Your roles do not allow this page.")));
    }

    @Test
    void anExpiredTokenEndsTheSession() throws Exception {
        ConsoleUser expired = new ConsoleUser("eli", Set.of("EMPLOYEE"), "t", Instant.now().minusSeconds(1));
        mvc.perform(get("/employee").with(authentication(token(expired))))
                .andExpect(redirectedUrl("/signin?expired"));
    }

    @Test
    void htmxIsServedByTheConsoleItself() throws Exception {
        mvc.perform(get("/webjars/htmx.org/dist/htmx.min.js")).andExpect(status().isOk());
        mvc.perform(get("/css/console.css")).andExpect(status().isOk());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor signedIn(String... roles) {
        return authentication(token(new ConsoleUser("eli", Set.of(roles), "t", Instant.now().plusSeconds(600))));
    }

    private static UsernamePasswordAuthenticationToken token(ConsoleUser user) {
        List<SimpleGrantedAuthority> authorities = user.roles().stream()
                .map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
