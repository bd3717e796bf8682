package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.command.integrity.IntegrityReport;
import com.leaveledger.command.integrity.StoreVerification;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store is append-only and every event is chained (docs/adr/0033, sections 1 and 2): the service's own role cannot
 * change a row, and when someone who can (here: the table's owner with the triggers disabled, as a superuser would)
 * edits history, the verification names the broken event. Each tampering is rolled back, so the shared test database
 * stays verifiable for every other test. {@link IntegrityTamperingIT} tampers as a real superuser, committed, over a
 * store with signed checkpoints.
 */
class EventStoreIntegrityIT extends CommandSideIT {

    private String manager;
    private String employee;

    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private StoreVerification verification;

    @BeforeEach
    void seed() {
        manager = id("m");
        employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2031, 30);
        for (int week = 0; week < 3; week++) {
            String monday = "2031-03-" + String.format("%02d", 3 + 7 * week);
            String friday = "2031-03-" + String.format("%02d", 7 + 7 * week);
            assertThat(submit(employee, "ANNUAL", monday, friday).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
    }

    @Test
    void anUntouchedStoreVerifiesWithIndexGapsFromRolledBackTransactions() {
        // A rolled-back transaction consumes a global index: the chain runs per aggregate and never notices.
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.queryForObject("select nextval('domain_event_entry_seq')", Long.class);
                status.setRollbackOnly();
            });
        } catch (RuntimeException ignored) {
            // rolled back on purpose
        }
        assertThat(submit(employee, "ANNUAL", "2031-04-07", "2031-04-08").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        JsonNode report = integrity();

        assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("VERIFIED");
        assertThat(report.path("eventsChecked").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(report.path("firstBreak").isNull()).isTrue();
    }

    @Test
    void theServiceRoleCannotUpdateDeleteOrTruncateEvents() {
        long index = firstEventOf(account());

        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload = payload || '\\x20'::bytea "
                + "where global_index = ?", index))
                .isInstanceOf(UncategorizedSQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from domain_event_entry where global_index = ?", index))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate domain_event_entry"))
                .hasMessageContaining("append-only");
    }

    @Test
    void anInsertThatSkipsASequenceNumberIsRefused() {
        assertThatThrownBy(() -> jdbc.update("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    payload_type, payload_revision, payload, meta_data, time_stamp)
                values (?, 7, 'LeaveAccount', gen_random_uuid()::text, 'x', '1', '\\x7b7d'::bytea, null, 'now')""",
                account()))
                .hasMessageContaining("sequence-gap");
    }

    @Test
    void everyTamperingIsReportedAtTheEventItBroke() {
        String account = account();
        List<Map<String, Object>> events = jdbc.queryForList("select global_index, sequence_number from "
                + "domain_event_entry where aggregate_identifier = ? order by sequence_number", account);
        long second = ((Number) events.get(1).get("global_index")).longValue();
        long third = ((Number) events.get(2).get("global_index")).longValue();

        assertBrokenAt("a flipped payload byte", second, 1, "content-hash-mismatch", owner ->
                owner.update("update domain_event_entry set payload = set_byte(payload, 2, get_byte(payload, 2) # 1) "
                        + "where global_index = ?", second));
        assertBrokenAt("edited metadata", third, 2, "content-hash-mismatch", owner ->
                owner.update("update domain_event_entry set meta_data = convert_to('{}', 'UTF8') "
                        + "where global_index = ?", third));
        assertBrokenAt("an edited timestamp", second, 1, "content-hash-mismatch", owner ->
                owner.update("update domain_event_entry set time_stamp = '2020-01-01T00:00:00Z' "
                        + "where global_index = ?", second));
        assertBrokenAt("a deleted row", third, 2, "sequence-gap", owner ->
                owner.update("delete from domain_event_entry where global_index = ?", second));
        assertBrokenAt("swapped sequence numbers", second, 2, "content-hash-mismatch", owner -> {
            owner.update("update domain_event_entry set sequence_number = -1 where global_index = ?", second);
            owner.update("update domain_event_entry set sequence_number = 1 where global_index = ?", third);
            owner.update("update domain_event_entry set sequence_number = 2 where global_index = ?", second);
        });
        assertBrokenAt("a forged row in place of a real one", second, 1, "content-hash-mismatch", owner ->
                owner.update("update domain_event_entry set payload = convert_to('{\"days\":99}', 'UTF8') "
                        + "where global_index = ?", second));
    }

    /**
     * Tampers inside a transaction that is rolled back afterwards: the verification runs in the same transaction
     * (it sees the edit), and nobody else ever does, so the shared test database stays intact.
     */
    private void assertBrokenAt(String tampering, long globalIndex, long sequence, String reason,
                                Consumer<JdbcTemplate> tamper) {
        IntegrityReport report = transactions.execute(status -> {
            status.setRollbackOnly();
            // As a superuser would; here the service's role still owns the table (ADR 0033 moves ownership away).
            jdbc.execute("alter table domain_event_entry disable trigger user");
            tamper.accept(jdbc);
            return verification.verify();
        });

        assertThat(report.status()).as(tampering + ": " + report).isEqualTo(IntegrityReport.Status.BROKEN);
        assertThat(report.firstBreak()).as(tampering).isEqualTo(
                new IntegrityReport.FirstBreak(globalIndex, account(), (Long) sequence, reason));
        assertThat(integrity().path("status").asText()).as("after undoing " + tampering).isEqualTo("VERIFIED");
    }

    private String account() {
        return employee + ":ANNUAL:2031";
    }

    private long firstEventOf(String aggregate) {
        return jdbc.queryForObject("select min(global_index) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregate);
    }
}
