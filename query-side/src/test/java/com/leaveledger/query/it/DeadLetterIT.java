package com.leaveledger.query.it;

import com.leaveledger.support.testing.Scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import java.util.List;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;

/**
 * Dead letters: an event a projection cannot write goes to the projection's sequenced dead-letter queue in
 * PostgreSQL; the rest of the stream goes on, later events of the same employee wait behind it, and a retry once
 * the cause is fixed applies them in order.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterIT extends QuerySideIT {

    @Test
    void anEventTheDatabaseRefusesIsDeadLetteredItsSequenceWaitsAndARetryAppliesItOnceFixed() {
        String poisoned = id("poisoned");
        String healthy = id("healthy");
        ledger.register(poisoned, null);
        ledger.register(healthy, null);
        awaitCaughtUp(ALL);
        double deadLettersBefore = balanceDeadLetters();
        // the cause: the database refuses this employee's balance rows (as a too-narrow column or a new constraint would)
        try (RefusedWrites refused = refuseWrites("leave_balance", "new.employee_id = '" + poisoned + "'",
                "raise exception 'refused by the test trigger for %', new.employee_id")) {
            ledger.grant(poisoned, LeaveType.ANNUAL, 2033, "10.0");
            ledger.grant(healthy, LeaveType.ANNUAL, 2033, "7.0");
            ledger.grant(poisoned, LeaveType.SICK, 2033, "5.0");
            ledger.grant(healthy, LeaveType.SICK, 2033, "4.0");

            // the rest of the stream goes on
            await().atMost(PATIENCE).until(() -> balance(healthy + ":SICK:2033") != null);
            awaitCaughtUp("balances");
            assertThat(balance(healthy + ":ANNUAL:2033")).isEqualByComparingTo("7.0");
            assertThat(balance(poisoned + ":ANNUAL:2033")).isNull();
            assertThat(balance(poisoned + ":SICK:2033")).isNull();
            // other projections are not held back
            assertThat(jdbc.queryForObject("select count(*) from audit_event where employee_id = ?", Long.class,
                    poisoned)).isEqualTo(3);

            JsonNode letters = get("/admin/projections/balances/dead-letters", engineer()).getBody();
            assertThat(letters.path("page").asInt()).isZero();
            assertThat(letters.path("size").asInt()).isEqualTo(20);
            assertThat(letters.path("totalItems").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(letters.path("totalPages").asLong()).isPositive();
            List<JsonNode> mine = items(letters, poisoned);
            assertThat(mine).hasSize(2);
            assertThat(mine.get(0).path("eventType").asText()).isEqualTo("EntitlementGrantedEvent");
            assertThat(mine.get(0).path("payload").path("accountId").asText()).isEqualTo(poisoned + ":ANNUAL:2033");
            assertThat(mine.get(0).path("causeMessage").asText()).contains("refused by the test trigger");
            assertThat(mine.get(1).path("payload").path("accountId").asText()).isEqualTo(poisoned + ":SICK:2033");
            assertThat(get("/admin/projections/balances", engineer()).getBody().path("deadLetters").asLong())
                    .isGreaterThanOrEqualTo(2);
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(balanceDeadLetters()).isEqualTo(deadLettersBefore + 2));

            // retrying before the cause is fixed changes nothing
            post("/admin/projections/balances/dead-letters/retry", engineer());
            assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), poisoned))
                    .hasSize(2);
            assertThat(balance(poisoned + ":ANNUAL:2033")).isNull();
        }

        JsonNode outcome = post("/admin/projections/balances/dead-letters/retry", engineer()).getBody();
        assertThat(outcome.path("projection").asText()).isEqualTo("balances");
        assertThat(outcome.path("lettersHandled").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(outcome.path("lettersLeft").isIntegralNumber()).isTrue();
        assertThat(outcome.path("outcome").isMissingNode()).as("the outcome's figures are members of the answer")
                .isTrue();
        assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), poisoned)).isEmpty();
        assertThat(balance(poisoned + ":ANNUAL:2033")).isEqualByComparingTo("10.0");
        assertThat(balance(poisoned + ":SICK:2033")).isEqualByComparingTo("5.0");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(balanceDeadLetters()).isEqualTo(deadLettersBefore));

        // the employee's next events flow again
        ledger.grant(poisoned, LeaveType.ANNUAL, 2033, "1.0");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(balance(poisoned + ":ANNUAL:2033")).isEqualByComparingTo("11.0"));
    }

    @Test
    void anEventWhosePayloadCannotBeReadIsDeadLetteredWithoutHoldingOthersBack() {
        String broken = id("broken");
        String fine = id("fine");
        ledger.register(broken, null);
        ledger.register(fine, null);
        String account = broken + ":ANNUAL:2033";
        ledger.publishGarbled("LeaveAccount", account, new EntitlementGrantedEvent(LeaveAccountId.parse(account),
                BigDecimal.ONE, "template"), "{\"accountId\":\"" + account + "\",\"days\":\"lots\"}");
        ledger.grant(fine, LeaveType.ANNUAL, 2033, "2.0");
        await().atMost(PATIENCE).until(() -> balance(fine + ":ANNUAL:2033") != null);

        // the balance projection cannot read it: dead-lettered under the employee's sequence
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken))
                        .hasSize(1));
        JsonNode letter = items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken).get(0);
        assertThat(letter.path("payload").path("days").asText()).isEqualTo("lots");
        // the audit log keeps the event verbatim
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from audit_event "
                + "where account_id = ? and payload ->> 'days' = 'lots'", Long.class, account) == 1);
        assertProblem(get("/admin/projections/nothing/dead-letters", engineer()), 404, "projection-not-found");
        assertProblem(get("/admin/projections/balances/dead-letters", token(id("c"), "COMPLIANCE")), 403,
                "missing-role");
    }

    @Test
    void anEngineerDismissesALetterWithAReasonThroughAxonsQueueAndTheLettersBehindItComeNext(CapturedOutput output) {
        String broken = id("unreadable");
        ledger.register(broken, null);
        String account = broken + ":ANNUAL:2034";
        ledger.publishGarbled("LeaveAccount", account, new EntitlementGrantedEvent(LeaveAccountId.parse(account),
                BigDecimal.ONE, "template"), "{\"accountId\":\"" + account + "\",\"days\":\"many\"}");
        // the employee's next event waits behind the letter no retry can ever apply
        ledger.grant(broken, LeaveType.ANNUAL, 2034, "3.0");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken))
                        .hasSize(2));
        List<JsonNode> letters = items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken);
        String unreadable = letters.get(0).path("id").asText();
        assertThat(letters.get(0).path("payload").path("days").asText()).isEqualTo("many");
        String path = "/admin/projections/balances/dead-letters/" + unreadable;

        // refusals: no reason, a blank one, another role, an unknown projection or letter
        assertProblem(exchange(HttpMethod.DELETE, path, engineer()), 400, "invalid-request");
        assertProblem(exchange(HttpMethod.DELETE, path + "?reason=  ", engineer()), 400, "invalid-request");
        assertProblem(exchange(HttpMethod.DELETE, path + "?reason=x", token(id("c"), "COMPLIANCE")), 403,
                "missing-role");
        assertProblem(exchange(HttpMethod.DELETE, "/admin/projections/nothing/dead-letters/" + unreadable
                + "?reason=x", engineer()), 404, "projection-not-found");
        assertProblem(exchange(HttpMethod.DELETE, "/admin/projections/balances/dead-letters/no-such-letter?reason=x",
                engineer()), 404, "dead-letter-not-found");
        assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken)).hasSize(2);

        String erin = id("erin");
        JsonNode dismissal = exchange(HttpMethod.DELETE, path + "?reason=unreadable test payload",
                token(erin, "ENGINEER")).getBody();
        assertThat(dismissal.path("processor").asText()).isEqualTo("balances");
        assertThat(dismissal.path("dismissedBy").asText()).isEqualTo(erin);
        assertThat(dismissal.path("reason").asText()).isEqualTo("unreadable test payload");
        assertThat(dismissal.path("dismissedAt").asText()).isNotBlank();
        assertThat(dismissal.path("letter").path("id").asText()).isEqualTo(unreadable);
        assertThat(dismissal.path("letter").path("sequence").asText()).isEqualTo(broken);
        assertThat(output.getAll()).contains("dead letter " + unreadable + " of balances dismissed by " + erin
                + ": unreadable test payload");
        // gone from Axon's queue: dismissing again is a 404, and only the letter behind it is left
        assertProblem(exchange(HttpMethod.DELETE, path + "?reason=again", engineer()), 404, "dead-letter-not-found");
        List<JsonNode> left = items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken);
        assertThat(left).extracting(l -> l.path("payload").path("days").asText()).containsExactly("3.0");
        assertThat(processing.deadLetterQueue("balances").orElseThrow().sequenceSize(broken)).isEqualTo(1);

        // a retry applies it: the employee's events flow again
        JsonNode outcome = post("/admin/projections/balances/dead-letters/retry", engineer()).getBody();
        assertThat(outcome.path("lettersHandled").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(items(get("/admin/projections/balances/dead-letters", engineer()).getBody(), broken)).isEmpty();
        assertThat(balance(account)).isEqualByComparingTo("3.0");
    }

    /** The dead-letter gauge of the balances projection in /actuator/prometheus. */
    private double balanceDeadLetters() {
        List<Scrape.Series> series = metrics().matching("ledger_projection_dead_letters", "projection", "balances");
        assertThat(series).singleElement().satisfies(s ->
                assertThat(s.labels()).containsEntry("application", "query-side"));
        return series.get(0).value();
    }

    private BigDecimal balance(String account) {
        List<BigDecimal> granted = jdbc.queryForList("select granted from leave_balance where account_id = ?",
                BigDecimal.class, account);
        return granted.isEmpty() ? null : granted.get(0);
    }

    private static List<JsonNode> items(JsonNode page, String sequence) {
        List<JsonNode> found = new java.util.ArrayList<>();
        page.path("items").forEach(item -> {
            if (item.path("sequence").asText().equals(sequence)) {
                found.add(item);
            }
        });
        return found;
    }
}
