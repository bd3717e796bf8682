package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.Days;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger stays consistent when commands race: no double booking, no overdraft, no double deduction. */
class ConcurrencyIT extends CommandSideIT {

    private static final int THREADS = 8;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private PlatformTransactionManager transactionManager;

    @Test
    void concurrentOverlappingRequestsBookThePeriodOnce() throws Exception {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2032, 30);

        List<Integer> statuses = race(i -> submit(employee, i % 2 == 0 ? "ANNUAL" : "UNPAID",
                "2032-03-0" + (1 + i % 3), "2032-03-0" + (4 + i % 3)));

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(THREADS - 1);
        assertThat(jdbc.queryForObject("select count(*) from leave_period where employee_id = ?", Integer.class,
                employee)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsNeverOverdrawTheBalance() throws Exception {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2032, 3);
        List<LocalDate> mondaysToThursdays = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2032, 4, 5); mondaysToThursdays.size() < THREADS; d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() <= 4) {
                mondaysToThursdays.add(d);
            }
        }

        List<Integer> statuses = race(i -> submit(employee, "ANNUAL", mondaysToThursdays.get(i).toString(),
                mondaysToThursdays.get(i).toString()));

        assertThat(statuses).filteredOn(s -> s == 202).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 422).hasSize(THREADS - 3);
        assertThat(eventTypes(employee + ":ANNUAL:2032")).containsExactly("EntitlementGrantedEvent",
                "DaysReservedEvent", "DaysReservedEvent", "DaysReservedEvent");
    }

    @Test
    void concurrentApprovalsDeductOnce() throws Exception {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2032, 30);
        String requestId = submit(employee, "ANNUAL", "2032-05-03", "2032-05-07").getBody()
                .get("leaveRequestId").asText();

        List<Integer> statuses = race(i -> i % 2 == 0
                ? post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"), Map.of())
                : post("/api/leave-requests/" + requestId + "/cancel", token(employee, "EMPLOYEE"), Map.of()));

        assertThat(statuses).filteredOn(s -> s == 202).hasSizeBetween(1, 2);
        List<String> account = eventTypes(employee + ":ANNUAL:2032");
        assertThat(account.stream().filter("DaysDeductedEvent"::equals).count()).isLessThanOrEqualTo(1);
        assertThat(account.stream().filter("DaysReservedEvent"::equals).count()).isEqualTo(1);
        // Whatever won, the hold is gone and every deduction has a matching restore or stands alone.
        assertThat(account.get(account.size() - 1)).isIn("DaysDeductedEvent", "ReservationReleasedEvent",
                "DaysRestoredEvent");
    }

    /**
     * Another instance (simulated by appending straight to the event store, behind this instance's aggregate cache)
     * takes days from the account. This instance's next command first fails on the event store's unique
     * (aggregate, sequence) key, is retried on fresh state, and then sees the reduced balance: no lost update.
     */
    @Test
    void anotherInstancesChangeIsNeverOverwritten() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2032, 10);
        LeaveAccountId account = new LeaveAccountId(new EmployeeId(employee), LeaveType.ANNUAL, 2032);
        long last = eventStore.lastSequenceNumberFor(account.asString()).orElseThrow();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> eventStore.publish(
                new GenericDomainEventMessage<>("LeaveAccount", account.asString(), last + 1,
                        new BalanceAdjustedEvent(account, Days.of("-8"), "taken on the other instance"),
                        MetaData.emptyInstance())));

        ResponseEntity<JsonNode> answer = submit(employee, "ANNUAL", "2032-06-07", "2032-06-11");

        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(422);
        assertThat(answer.getBody().get("rule").asText()).isEqualTo("insufficient-balance");
        assertThat(eventTypes(account.asString())).containsExactly("EntitlementGrantedEvent", "BalanceAdjustedEvent");
        assertThat(submit(employee, "ANNUAL", "2032-06-07", "2032-06-08").getStatusCode().value()).isEqualTo(202);
    }

    private List<Integer> race(IntFunction<ResponseEntity<JsonNode>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int n = i;
            Callable<Integer> task = () -> {
                start.await();
                return call.apply(n).getStatusCode().value();
            };
            answers.add(pool.submit(task));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        return statuses;
    }
}
