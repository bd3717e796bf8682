package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.command.accountjobs.AccountJobScheduler;
import com.leaveledger.command.accountjobs.AccountJobs;
import com.leaveledger.kernel.MetadataKeys;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.AccrueDaysCommand;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Monthly accrual and year-end close through their HTTP operations and the scheduled check, on the real store: once per
 * account and period, also with two runs at once and after a run cut short. The service's clock is the real one, so
 * the closed year is last year, and its carried days expire on 31 March of this year: from April on they lapse in the
 * carry-over's own transaction.
 */
class AccountJobsIT extends CommandSideIT {

    private static final int LAST_YEAR = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
    private static final YearMonth THIS_MONTH = YearMonth.now(ZoneOffset.UTC);
    /** The carry-over comes after its days' expiry, and they lapse at once (every month but January to March). */
    private static final boolean LATE = LocalDate.now(ZoneOffset.UTC).isAfter(LocalDate.of(LAST_YEAR + 1, 3, 31));

    @Autowired
    private AccountJobs jobs;
    @Autowired
    private AccountJobScheduler scheduler;
    @Autowired
    private CommandGateway commands;

    @Test
    void carriesOverOneAccountUpToTheCapOnce() {
        String e1 = id("e1");
        registerTeam(id("m1"), e1);
        grant(e1, "ANNUAL", LAST_YEAR, 20);

        ResponseEntity<JsonNode> first = carryOver(e1, "ANNUAL", LAST_YEAR, token(hr, "HR"));
        assertThat(first.getStatusCode().value()).as(String.valueOf(first.getBody())).isEqualTo(200);
        assertThat(first.getBody().path("days").decimalValue()).isEqualByComparingTo("5");
        assertThat(first.getBody().path("toAccountId").asText()).isEqualTo(e1 + ":ANNUAL:" + (LAST_YEAR + 1));
        assertThat(first.getBody().path("expiresOn").asText()).isEqualTo((LAST_YEAR + 1) + "-03-31");
        assertThat(first.getBody().path("alreadyDone").asBoolean()).isFalse();

        ResponseEntity<JsonNode> again = carryOver(e1, "ANNUAL", LAST_YEAR, token(hr, "HR"));
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("alreadyDone").asBoolean()).isTrue();
        assertThat(eventTypes(e1 + ":ANNUAL:" + LAST_YEAR))
                .containsExactly("EntitlementGrantedEvent", "BalanceCarriedForwardEvent");
        assertThat(eventTypes(e1 + ":ANNUAL:" + (LAST_YEAR + 1))).containsExactlyElementsOf(LATE
                ? List.of("CarriedOverEvent", "CarriedDaysExpiredEvent") : List.of("CarriedOverEvent"));
    }

    @Test
    void carriedDaysPastTheirExpiryLapseOnceWhateverChecksFollow() {
        assumeTrue(LATE, "the carried days expire on 31 March");
        String e1 = id("e1");
        registerTeam(id("m1"), e1);
        grant(e1, "ANNUAL", LAST_YEAR, 3);
        assertThat(carryOver(e1, "ANNUAL", LAST_YEAR, token(hr, "HR")).getStatusCode().value()).isEqualTo(200);

        scheduler.check();

        String next = e1 + ":ANNUAL:" + (LAST_YEAR + 1);
        assertThat(eventTypes(next)).containsExactly("CarriedOverEvent", "CarriedDaysExpiredEvent");
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb ->> 'days' from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 1", String.class, next)).isEqualTo("3.0");
    }

    @Test
    void refusesCarryOverByRule() {
        String e1 = id("e1");
        registerTeam(id("m1"), e1);
        grant(e1, "SICK", LAST_YEAR, 5);
        grant(e1, "ANNUAL", LAST_YEAR + 1, 5);
        expectProblem(carryOver(e1, "SICK", LAST_YEAR, token(hr, "HR")), 422, "no-carry-over-policy");
        expectProblem(carryOver(e1, "ANNUAL", LAST_YEAR + 1, token(hr, "HR")), 422, "year-not-ended");
        expectProblem(carryOver(id("ghost"), "ANNUAL", LAST_YEAR, token(hr, "HR")), 404, "employee-not-found");
        expectProblem(carryOver(e1, "ANNUAL", LAST_YEAR - 1, token(hr, "HR")), 404, "account-not-found");
        assertThat(carryOver(e1, "ANNUAL", LAST_YEAR, token(e1, "EMPLOYEE")).getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/employees/" + e1 + "/erasure", token(hr, "HR"),
                Map.of("legalBasis", "CONSENT_WITHDRAWN", "reason", "HR-" + run)).getStatusCode().is2xxSuccessful())
                .isTrue();
        expectProblem(carryOver(e1, "ANNUAL", LAST_YEAR, token(hr, "HR")), 409, "employee-erased");
    }

    @Test
    void closesAYearForEveryActiveEmployeeOnceAndShowsProgress() {
        String e1 = id("e1");
        String e2 = id("e2");
        registerTeam(id("m1"), e1, e2);
        grant(e1, "ANNUAL", LAST_YEAR, 20);
        grant(e2, "ANNUAL", LAST_YEAR, 2);

        ResponseEntity<JsonNode> close = post("/admin/year-end/" + LAST_YEAR, token(hr, "HR"), null);
        assertThat(close.getStatusCode().value()).as(String.valueOf(close.getBody())).isEqualTo(200);
        assertThat(close.getBody().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(close.getBody().path("processed").asInt()).isEqualTo(close.getBody().path("total").asInt())
                .isGreaterThanOrEqualTo(3);
        assertThat(close.getBody().path("changed").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(carriedDays(e1)).isEqualTo("5.0");
        assertThat(carriedDays(e2)).isEqualTo("2.0");
        int events = eventCount(run + "%");

        ResponseEntity<JsonNode> again = post("/admin/year-end/" + LAST_YEAR, token(hr, "HR"), null);
        assertThat(again.getBody().path("changed").asInt()).isZero();
        assertThat(eventCount(run + "%")).isEqualTo(events);

        ResponseEntity<JsonNode> progress = get("/admin/year-end/" + LAST_YEAR, token(hr, "HR"));
        assertThat(progress.getStatusCode().value()).isEqualTo(200);
        assertThat(progress.getBody().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(metrics().value("ledger_jobs_employees_processed", "job", "year-end"))
                .isEqualTo(again.getBody().path("processed").asDouble());
        assertThat(metrics().value("ledger_jobs_employees_remaining", "job", "year-end")).isZero();

        expectProblem(post("/admin/year-end/" + (LAST_YEAR + 1), token(hr, "HR"), null), 422, "year-not-ended");
        expectProblem(get("/admin/year-end/1999", token(hr, "HR")), 400, "invalid-year");
        expectProblem(get("/admin/year-end/2003", token(hr, "HR")), 404, "year-end-not-started");
        assertThat(post("/admin/year-end/" + LAST_YEAR, token(e1, "EMPLOYEE"), null).getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void anAccrualRunCutShortResumesAfterTheLastEmployeeDone() {
        String a = id("a");
        String b = id("b");
        registerTeam(id("m"), a, b);
        YearMonth month = THIS_MONTH.minusMonths(1);
        // A run of last month that stopped right after employee a (a crash): a was done, b was not.
        jdbc.update("""
                insert into ledger_job_run (job, period, status, total, processed, last_employee_id)
                values ('accrual', ?, 'RUNNING', 1, 1, ?) on conflict (job, period) do update
                set status = 'RUNNING', processed = 1, last_employee_id = excluded.last_employee_id""",
                month.toString(), a);

        ResponseEntity<JsonNode> resumed = post("/admin/accruals/" + month, token(hr, "HR"), null);

        assertThat(resumed.getStatusCode().value()).as(String.valueOf(resumed.getBody())).isEqualTo(200);
        assertThat(resumed.getBody().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(accruals(a, month)).isZero();
        assertThat(accruals(b, month)).isEqualTo(1);
    }

    @Test
    void accruesEveryActiveEmployeeOnceAMonthEvenWithTwoRunsAtOnce() throws Exception {
        String e1 = id("e1");
        String e2 = id("e2");
        registerTeam(id("m1"), e1, e2);
        expectProblem(post("/admin/accruals/" + THIS_MONTH.plusMonths(1), token(hr, "HR"), null), 422,
                "period-not-started");
        expectProblem(post("/admin/accruals/2027-13", token(hr, "HR"), null), 400, "invalid-period");

        List<AccountJobs.Outcome> outcomes = concurrently(2, () -> jobs.accrue(THIS_MONTH, "it-" + run));

        assertThat(outcomes).allSatisfy(o -> assertThat(o.run().status().name()).isEqualTo("COMPLETED"));
        for (String employee : List.of(e1, e2, id("m1"))) {
            assertThat(accruals(employee, THIS_MONTH)).as(employee).isEqualTo(1);
        }
        assertThat(duplicateAccruals(THIS_MONTH)).isEmpty();

        ResponseEntity<JsonNode> again = post("/admin/accruals/" + THIS_MONTH, token(hr, "HR"), null);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(again.getBody().path("changed").asInt()).isZero();
        scheduler.check();
        assertThat(accruals(e1, THIS_MONTH)).isEqualTo(1);
        assertThat(metrics().value("ledger_jobs_employees_remaining", "job", "accrual")).isZero();
    }

    @Test
    void racingAccrualsOfOneAccountStoreOneEvent() throws Exception {
        String e1 = id("e1");
        registerTeam(id("m1"), e1);
        LeaveAccountId account = new LeaveAccountId(new EmployeeId(e1), LeaveType.PARENTAL, THIS_MONTH.getYear());

        List<Boolean> answers = concurrently(6, () -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return commands.<Boolean>sendAndWait(GenericCommandMessage.asCommandMessage(
                            new AccrueDaysCommand(account, THIS_MONTH)).withMetaData(
                            MetaData.with(MetadataKeys.ACTOR, "it")));
                } catch (ConcurrencyException | AggregateStreamCreationException e) {
                    if (attempt == 10) {
                        throw e;
                    }
                }
            }
        });

        assertThat(answers).containsOnlyOnce(true);
        assertThat(eventTypes(account.asString())).containsExactly("DaysAccruedEvent");
    }

    private <T> List<T> concurrently(int threads, Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(5, TimeUnit.MINUTES));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private int accruals(String employee, YearMonth month) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%.DaysAccruedEvent' "
                + "and convert_from(payload, 'UTF8')::jsonb ->> 'period' = ?", Integer.class,
                employee + ":PARENTAL:" + month.getYear(), month.toString());
    }

    private List<String> duplicateAccruals(YearMonth month) {
        return jdbc.queryForList("select aggregate_identifier from domain_event_entry "
                + "where payload_type like '%.DaysAccruedEvent' and aggregate_identifier like ? "
                + "and convert_from(payload, 'UTF8')::jsonb ->> 'period' = ? "
                + "group by aggregate_identifier having count(*) > 1", String.class, run + "%", month.toString());
    }

    private String carriedDays(String employee) {
        return jdbc.queryForObject("select convert_from(payload, 'UTF8')::jsonb ->> 'days' from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%.CarriedOverEvent'", String.class,
                employee + ":ANNUAL:" + (LAST_YEAR + 1));
    }

    private ResponseEntity<JsonNode> carryOver(String employee, String type, int year, String token) {
        return post("/api/leave-accounts/" + employee + "/" + type + "/" + year + "/carry-over", token, null);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private void expectProblem(ResponseEntity<JsonNode> answer, int status, String rule) {
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        assertThat(answer.getBody().path("rule").asText()).isEqualTo(rule);
    }
}
