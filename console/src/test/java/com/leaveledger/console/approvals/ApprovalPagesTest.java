package com.leaveledger.console.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.leaveledger.console.signin.ConsoleUser;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * HR's approvals and a manager's delegations against services that answer over HTTP ({@link FakeService}): a page
 * is one call per service whatever the number of rows, each request shows the levels it passed and what it awaits,
 * and a refused delegation shows the rule in plain words next to its field. The journeys against the real services
 * are e2e's ConsoleE2eIT.
 */
@SpringBootTest(properties = "ledger.console.notification-url=http://127.0.0.1:9")
@ActiveProfiles("dev")
@AutoConfigureMockMvc
class ApprovalPagesTest {

    private static final FakeService QUERY = new FakeService();
    private static final FakeService COMMANDS = new FakeService();

    @Autowired
    private MockMvc mvc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ledger.console.query-url", QUERY::url);
        registry.add("ledger.console.command-url", COMMANDS::url);
    }

    @AfterAll
    static void stop() {
        QUERY.close();
        COMMANDS.close();
    }

    @BeforeEach
    void forget() {
        QUERY.forget();
        COMMANDS.forget();
    }

    @Test
    void hrSeesEachRequestAwaitingHrWithItsLevelsAndBalanceFromOneCall() throws Exception {
        QUERY.answer("/api/hr/pending-approvals", Approvals.page(25, "HR"));
        String html = mvc.perform(get("/hr").with(signedIn("hana", "HR"))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(QUERY.calls()).as("one call to query-side for 25 rows").isEqualTo(1);
        assertThat(html.split("class=\"card approval\"", -1)).hasSize(26);
        assertThat(html).contains("Requests awaiting HR").contains("action=\"/hr/requests/r-0007/approve\"")
                .contains("approved by <strong class=\"by\">dan</strong> on behalf of <span class=\"for\">mia</span>")
                .contains("<li class=\"level awaited\" data-level=\"2\"")
                .contains("<td data-label=\"available\" class=\"available\">18.0</td>");

        COMMANDS.answer("/api/leave-requests/r-0007/approve", 202, "{\"leaveRequestId\":\"r-0007\"}");
        mvc.perform(post("/hr/requests/r-0007/approve").with(signedIn("hana", "HR")).with(csrf())
                        .param("comment", "fine"))
                .andExpect(redirectedUrl("/hr")).andExpect(flash().attribute("done",
                        "Approved. The list follows once the ledger has recorded it."));
        mvc.perform(get("/hr").with(signedIn("mia", "MANAGER"))).andExpect(status().isForbidden());
        mvc.perform(post("/hr/requests/r-0007/reject").with(signedIn("mia", "MANAGER")).with(csrf())
                .param("reason", "no")).andExpect(status().isForbidden());
    }

    @Test
    void aManagersDelegationsAreListedAndARefusalIsShownNextToItsField() throws Exception {
        QUERY.answer("/api/employees/mia/delegations", "[{\"delegationId\":\"d-1\",\"managerId\":\"mia\","
                + "\"delegateId\":\"dan\",\"from\":\"2027-03-01\",\"to\":\"2027-03-14\"}]");
        String list = mvc.perform(get("/manager/delegations").with(signedIn("mia", "MANAGER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(list).contains("data-delegation=\"d-1\"").contains("action=\"/manager/delegations/d-1/revoke\"")
                .contains("<label for=\"delegateId\">");

        COMMANDS.answer("/api/employees/mia/delegations", 422, "{\"status\":422,\"rule\":\"unknown-delegate\","
                + "\"title\":\"Unknown delegate\",\"detail\":\"no employee nobody\"}");
        String refused = mvc.perform(post("/manager/delegations").with(signedIn("mia", "MANAGER")).with(csrf())
                        .param("delegateId", "nobody").param("from", "2027-03-01").param("to", "2027-03-14"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("id=\"delegateId-error\" class=\"field-error\">Nobody with this employee id is "
                + "registered. (no employee nobody)").contains("value=\"nobody\"");

        COMMANDS.answer("/api/employees/mia/delegations", 422, "{\"status\":422,\"rule\":\"delegation-in-the-past\","
                + "\"title\":\"Delegation in the past\",\"detail\":\"it ended on 2027-03-14\"}");
        String past = mvc.perform(post("/manager/delegations").with(signedIn("mia", "MANAGER")).with(csrf())
                        .param("delegateId", "dan").param("from", "2027-03-01").param("to", "2027-03-14"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(past).contains("aria-invalid=\"true\" aria-describedby=\"to-error\"")
                .contains("id=\"to-error\" class=\"field-error\">The period is over already: the last day is past. "
                        + "(it ended on 2027-03-14)").doesNotContain("id=\"from-error\"");

        COMMANDS.answer("/api/employees/mia/delegations/d-1/revocation", 204, "");
        mvc.perform(post("/manager/delegations/d-1/revoke").with(signedIn("mia", "MANAGER")).with(csrf()))
                .andExpect(redirectedUrl("/manager/delegations"))
                .andExpect(flash().attribute("done", org.hamcrest.Matchers.startsWith("Delegation revoked")));
    }

    @Test
    void complianceSeesTheLevelsARequestPassedBesideItsTimeline() throws Exception {
        QUERY.answer("/api/audit/leave-requests/r-1", "{\"leaveRequestId\":\"r-1\",\"events\":[]}");
        QUERY.answer("/api/audit/leave-requests/r-1/state", "{\"leaveRequestId\":\"r-1\",\"eventsApplied\":3,"
                + "\"request\":{\"leaveRequestId\":\"r-1\",\"employeeId\":\"eli\",\"leaveType\":\"PARENTAL\","
                + "\"status\":\"APPROVED\",\"startDate\":\"2027-05-03\",\"endDate\":\"2027-05-07\",\"workingDays\":5.0,"
                + "\"approvals\":[\"MANAGER\",\"HR\"],\"awaiting\":null,\"levelsPassed\":["
                + "{\"level\":1,\"approvedAs\":\"MANAGER\",\"approvedBy\":\"dan\",\"onBehalfOf\":\"mia\",\"at\":\"2027-04-01T09:00:00Z\"},"
                + "{\"level\":2,\"approvedAs\":\"HR\",\"approvedBy\":\"hana\",\"onBehalfOf\":null,\"at\":\"2027-04-02T09:00:00Z\"}]}}");
        String html = mvc.perform(get("/compliance/requests/r-1").with(signedIn("audra", "COMPLIANCE")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("<li class=\"level passed\" data-level=\"2\"")
                .contains("approved by <strong class=\"by\">dan</strong> on behalf of <span class=\"for\">mia</span>")
                .contains("approved by <strong class=\"by\">hana</strong>,").doesNotContain("awaited now");
        assertThat(QUERY.calls()).isEqualTo(2);
    }

    private static RequestPostProcessor signedIn(String id, String role) {
        ConsoleUser user = new ConsoleUser(id, Set.of(role), "t", Instant.now().plusSeconds(600));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                java.util.List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }
}
