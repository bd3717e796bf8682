package com.leaveledger.query.it;

import com.leaveledger.support.testing.Scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;

/**
 * Consumption: every projection applies every event exactly once — across processor stops, publisher duplicates, a
 * lost position (everything redelivered) and a failed batch — because each batch commits its read-model rows and
 * its token in one transaction, and rows remember the last aggregate sequence number applied to them.
 */
class ConsumptionIT extends QuerySideIT {

    @Test
    void appliesEveryEventOnceAcrossStopsDuplicatesAndRedelivery() {
        String manager = id("m");
        List<String> team = List.of(id("e1"), id("e2"), id("e3"));
        ledger.register(manager, null);
        team.forEach(employee -> ledger.register(employee, manager));
        team.forEach(employee -> ledger.grant(employee, LeaveType.ANNUAL, 2030, "25.0"));
        String first = ledger.submit(team.get(0), manager, LeaveType.ANNUAL, LocalDate.of(2030, 3, 4),
                LocalDate.of(2030, 3, 8), "5.0");
        awaitCaughtUp(ALL);
        assertReadModelsMatchLedger(manager, team);

        // the consumer stops between events; events keep arriving, some twice (the publisher is at-least-once)
        for (String projection : ALL) {
            processor(projection).shutDown();
        }
        ledger.approve(first, manager);
        String second = ledger.submit(team.get(1), manager, LeaveType.ANNUAL, LocalDate.of(2030, 6, 3),
                LocalDate.of(2030, 6, 4), "2.0");
        ledger.reject(second, manager);
        String third = ledger.submit(team.get(2), manager, LeaveType.ANNUAL, LocalDate.of(2030, 7, 1),
                LocalDate.of(2030, 7, 5), "5.0");
        ledger.approve(third, manager);
        ledger.cancel(third);
        ledger.adjust(team.get(2), LeaveType.ANNUAL, 2030, "-1.5");
        List<DomainEventMessage<?>> sent = ledger.published();
        sent.subList(sent.size() - 6, sent.size()).forEach(ledger::republish);
        ledger.republish(sent.get(0));
        // the metrics show each stopped projection falling behind
        await().atMost(PATIENCE).untilAsserted(() -> {
            Scrape metrics = metrics();
            for (String projection : ALL) {
                assertThat(metrics.value("ledger_projection_lag_events", "projection", projection))
                        .as("lag of " + projection).isGreaterThanOrEqualTo(13.0);
                assertThat(metrics.value("ledger_projection_running", "projection", projection)).isZero();
            }
        });

        for (String projection : ALL) {
            processor(projection).start();
        }
        awaitCaughtUp(ALL);
        assertReadModelsMatchLedger(manager, team);
        await().atMost(PATIENCE).untilAsserted(() -> {
            Scrape metrics = metrics();
            for (String projection : ALL) {
                assertThat(metrics.value("ledger_projection_lag_events", "projection", projection))
                        .as("lag of " + projection).isZero();
                assertThat(metrics.value("ledger_projection_running", "projection", projection)).isEqualTo(1.0);
            }
        });

        // the position is lost: every event of the topic is delivered again; nothing is applied twice
        processor("balances").shutDown();
        processor("leave-requests").shutDown();
        jdbc.update("delete from token_entry where processor_name in ('balances', 'leave-requests')");
        processor("balances").start();
        processor("leave-requests").start();
        awaitCaughtUp("balances", "leave-requests");
        assertReadModelsMatchLedger(manager, team);

        assertThat(jdbc.queryForList("select distinct processor_name from query_side.token_entry", String.class))
                .contains(ALL);
    }

    @Test
    void aBatchThatFailsToWriteMovesNeitherRowsNorTokenAndIsRetried() {
        String employee = id("e");
        ledger.register(employee, null);
        ledger.grant(employee, LeaveType.SICK, 2030, "10.0");
        awaitCaughtUp(ALL);
        jdbc.execute("create or replace function query_side.test_fail_transiently() returns trigger "
                + "language plpgsql as $$ begin raise exception 'simulated outage' using errcode = '40001'; end $$");
        jdbc.execute("create trigger test_fail_" + run + " before update on leave_balance for each row "
                + "when (new.employee_id = '" + employee + "') execute function query_side.test_fail_transiently()");
        RecordMetadata blocked;
        try {
            blocked = ledger.publish("LeaveAccount", employee + ":SICK:2030",
                    new com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent(
                            com.leaveledger.kernel.leaveaccount.LeaveAccountId.parse(employee + ":SICK:2030"),
                            new BigDecimal("2.0"), "more"), "hr");
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from audit_event "
                    + "where employee_id = ?", Long.class, employee) == 3);
            // the audit log moved on; the balance projection keeps retrying the batch, its token before the event
            RecordMetadata event = blocked;
            await().during(Duration.ofSeconds(3)).atMost(PATIENCE).untilAsserted(() -> {
                Map<Integer, Long> offsets = positions.position("balances", Optional.empty()).lowerBound();
                assertThat(offsets.getOrDefault(event.partition(), -1L)).isLessThan(event.offset());
                assertThat(granted(employee, "SICK", 2030)).isEqualByComparingTo("10.0");
            });
        } finally {
            jdbc.execute("drop trigger if exists test_fail_" + run + " on leave_balance");
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(granted(employee, "SICK", 2030)).isEqualByComparingTo("12.0"));
        awaitCaughtUp("balances");
        assertThat(granted(employee, "SICK", 2030)).isEqualByComparingTo("12.0");
        assertThat(jdbc.queryForObject("select count(*) from dead_letter_entry where sequence_identifier = ?",
                Long.class, employee)).isZero();
    }

    @Test
    void aHistoryHoldingBothRevisionsOfAGrantBalancesAsOne() {
        String employee = id("e");
        String account = employee + ":ANNUAL:2024";
        ledger.register(employee, null);
        ledger.publishRaw("LeaveAccount", account, new com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent(
                        com.leaveledger.kernel.leaveaccount.LeaveAccountId.parse(account), BigDecimal.ONE, "template"),
                "{\"accountId\":\"" + account + "\",\"days\":12.5,\"reason\":\"2024 contract\"}", "1");

        ledger.grant(employee, LeaveType.ANNUAL, 2024, "3");

        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(granted(employee, "ANNUAL", 2024)).isEqualByComparingTo("15.5"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(jdbc.queryForList("select payload_revision, "
                + "payload ->> 'expiresOn' as expires from audit_event where account_id = ?", account))
                .hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("payload_revision", "2")
                        .containsEntry("expires", "2024-12-31")));
    }

    private BigDecimal granted(String employee, String type, int year) {
        List<BigDecimal> granted = jdbc.queryForList("select granted from leave_balance where account_id = ?",
                BigDecimal.class, employee + ":" + type + ":" + year);
        return granted.isEmpty() ? BigDecimal.ZERO : granted.get(0);
    }

    private void assertReadModelsMatchLedger(String manager, List<String> team) {
        List<String> everyone = new ArrayList<>(team);
        everyone.add(manager);
        ledger.balances().forEach((account, expected) -> {
            Map<String, Object> row = jdbc.queryForMap("select granted, carried, adjusted, deducted, reserved "
                    + "from leave_balance where account_id = ?", account);
            assertThat((BigDecimal) row.get("granted")).as(account + " granted").isEqualByComparingTo(expected[0]);
            assertThat((BigDecimal) row.get("carried")).as(account + " carried").isEqualByComparingTo(expected[1]);
            assertThat((BigDecimal) row.get("adjusted")).as(account + " adjusted").isEqualByComparingTo(expected[2]);
            assertThat((BigDecimal) row.get("deducted")).as(account + " deducted").isEqualByComparingTo(expected[3]);
            assertThat((BigDecimal) row.get("reserved")).as(account + " reserved").isEqualByComparingTo(expected[4]);
        });
        long distinctEvents = ledger.published().stream().map(DomainEventMessage::getIdentifier).distinct().count();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where employee_id = any(?)", Long.class,
                (Object) everyone.toArray(String[]::new))).isEqualTo(distinctEvents);
        long requestEvents = ledger.published().stream()
                .filter(e -> e.getType().equals("LeaveRequest")).count();
        assertThat(jdbc.queryForObject("select count(*) from leave_request_event e join leave_request r "
                        + "using (leave_request_id) where r.employee_id = any(?)", Long.class,
                (Object) everyone.toArray(String[]::new))).isEqualTo(requestEvents);
        assertThat(jdbc.queryForObject("select count(*) from employee where employee_id = any(?)", Long.class,
                (Object) everyone.toArray(String[]::new))).isEqualTo(everyone.size());
    }
}
