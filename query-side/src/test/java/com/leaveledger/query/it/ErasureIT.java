package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.LedgerObjectMapper;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.privacy.PersonalDataModule;
import com.leaveledger.query.replay.ReplayCoordinator;
import com.leaveledger.support.privacy.DataKeyCipher;
import com.leaveledger.support.privacy.DataKeyStore;
import com.leaveledger.support.privacy.KeyEncryptionKey;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Erasure as the query side sees it (docs/adr/0033, section 5): events carry personal data as ciphertext, the read
 * models and the audit API show it in plaintext until {@code SubjectErasedEvent}; afterwards nothing in the query
 * side's schema holds the employee's plaintext — also what an event stored in plaintext before encryption existed
 * had — the audit shows {@code [erased]}, a rebuilt projection too, and a colleague reads unchanged.
 */
class ErasureIT extends QuerySideIT {

    /** The command side's cipher: it creates keys (this service's does not) and destroys them. */
    private DataKeyCipher cipher;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private ReplayCoordinator replays;

    private TestLedger encrypted;

    /** The data keys live in the command side's schema: migrated here as the command side would. */
    @BeforeEach
    void commandSideKeyStore() {
        Flyway.configure().dataSource(dataSource).schemas("command_side").defaultSchema("command_side")
                .locations("filesystem:../command-side/src/main/resources/db/migration").load().migrate();
        cipher = new DataKeyCipher(new DataKeyStore(jdbc, KeyEncryptionKey.development()), Duration.ofMinutes(1), 1000);
        encrypted = new TestLedger(brokers, LedgerObjectMapper.create().registerModule(new PersonalDataModule(cipher)));
    }

    @AfterEach
    void close() {
        encrypted.close();
        replays.start();
    }

    @Test
    void afterAnErasureTheQuerySideHoldsNoPlaintextOfTheEmployee() throws Exception {
        String manager = id("m"), employee = id("e"), colleague = id("c");
        encrypted.register(manager, null);
        encrypted.register(employee, manager);
        encrypted.register(colleague, manager);
        encrypted.grant(employee, LeaveType.ANNUAL, 2026, "25");
        String reason = "oncology appointment " + run;
        String request = encrypted.submit(employee, manager, LeaveType.SICK, LocalDate.of(2026, 5, 4),
                LocalDate.of(2026, 5, 5), false, false, "2", reason);
        encrypted.approve(request, manager);
        // An event stored before personal data was encrypted: its reason is plaintext in the payload.
        String legacyReason = "legacy note " + run;
        ledger.publish("LeaveAccount", employee + ":ANNUAL:2025", new com.leaveledger.kernel.leaveaccount
                .BalanceAdjustedEvent(new com.leaveledger.kernel.leaveaccount.LeaveAccountId(EmployeeId.of(employee),
                LeaveType.ANNUAL, 2025), java.math.BigDecimal.ONE, legacyReason), "hr");
        List<String> plaintexts = List.of("Name " + employee, employee + "@example.com", "push-" + employee, reason,
                legacyReason);

        String timeline = "/api/audit/employees/" + employee + "?size=50";
        await().atMost(PATIENCE).until(() -> get(timeline, compliance()).getBody().path("totalItems").asInt() == 7);
        awaitCaughtUp(ALL);
        assertThat(jdbc.queryForObject("select payload::text from audit_event where employee_id = ? and "
                + "event_type = 'EmployeeRegisteredEvent'", String.class, employee)).contains("enc:v1:")
                .doesNotContain("Name " + employee);
        assertThat(get(timeline, compliance()).getBody().toString()).as("revealed to compliance")
                .contains("Name " + employee, reason, legacyReason);
        assertThat(jdbc.queryForObject("select reason from leave_request where leave_request_id = ?", String.class,
                request)).isEqualTo(reason);
        Map<String, Object> balancesBefore = jdbc.queryForMap("select granted, deducted, reserved from leave_balance "
                + "where account_id = ?", employee + ":SICK:2026");

        cipher.destroyKey(EmployeeId.of(employee));
        encrypted.publish("Employee", employee, new SubjectErasedEvent(EmployeeId.of(employee),
                ErasureBasis.CONSENT_WITHDRAWN, "HR-" + run), "hr");
        await().atMost(PATIENCE).until(() -> get(timeline, compliance()).getBody().path("totalItems").asInt() == 8);
        awaitCaughtUp(ALL);

        JsonNode audit = get(timeline, compliance()).getBody();
        assertThat(audit.toString()).contains("[erased]", "SubjectErasedEvent");
        assertThat(audit.path("items").get(0).path("payload").path("name").asText()).isEqualTo("[erased]");
        assertThat(get("/api/audit/leave-requests/" + request, compliance()).getStatusCode().value()).isEqualTo(200);
        String export = getText("/api/audit/export?format=ndjson", compliance()).getBody();
        assertThat(export).contains("Name " + colleague);
        plaintexts.forEach(p -> assertThat(export).as("the export").doesNotContain(p));
        plaintexts.forEach(p -> assertThat(everyValueInTheSchema()).as("the query side's tables").doesNotContain(p));
        assertThat(jdbc.queryForObject("select name from employee where employee_id = ?", String.class, colleague))
                .isEqualTo("Name " + colleague);
        assertThat(jdbc.queryForMap("select granted, deducted, reserved from leave_balance where account_id = ?",
                employee + ":SICK:2026")).isEqualTo(balancesBefore);

        for (String projection : List.of("leave-requests", "balances")) {
            assertThat(post("/admin/projections/" + projection + "/replay", token(id("eng"), "ENGINEER"))
                    .getStatusCode().value()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> "DONE".equals(get("/admin/projections/" + projection,
                    token(id("eng"), "ENGINEER")).getBody().path("replay").path("status").asText()));
        }
        assertThat(jdbc.queryForObject("select reason from leave_request where leave_request_id = ?", String.class,
                request)).as("rebuilt from the topic").isEqualTo("[erased]");
        assertThat(jdbc.queryForMap("select granted, deducted, reserved from leave_balance where account_id = ?",
                employee + ":SICK:2026")).as("balances replay identically").isEqualTo(balancesBefore);
    }

    /** Every value of every row of every table of the schema, bytea read as UTF-8. */
    private String everyValueInTheSchema() {
        StringBuilder all = new StringBuilder();
        for (String table : jdbc.queryForList("select table_name from information_schema.tables where table_schema = "
                + "current_schema() and table_type = 'BASE TABLE'", String.class)) {
            jdbc.query("select * from " + table, rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    all.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value)
                            .append('\n');
                }
            });
        }
        return all.toString();
    }
}
