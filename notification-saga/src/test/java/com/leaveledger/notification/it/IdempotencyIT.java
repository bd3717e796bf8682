package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.Delivery;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.leaveledger.notification.delivery.DeliveryStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A delivery is (event, channel, recipient): redelivery, restarts and competing instances never send twice. */
class IdempotencyIT extends NotificationSagaIT {

    @Autowired
    DeliveryStore deliveryStore;

    @Test
    void eventsDeliveredTwiceSendEveryNotificationExactlyOnce() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        String requestedId = UUID.randomUUID().toString(), approvedId = UUID.randomUUID().toString();

        for (int round = 0; round < 2; round++) {
            publish(requestedId, new LeaveRequestedEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                    EmployeeId.of(manager), LeaveType.ANNUAL, LocalDate.of(2031, 5, 5), LocalDate.of(2031, 5, 9),
                    false, false, new BigDecimal("5.0"), List.of(new YearShare(2031, new BigDecimal("5.0"))), null, List.of(Approver.MANAGER)),
                    "LeaveRequest", request, 0);
            publish(approvedId, new LeaveApprovedEvent(LeaveRequestId.of(request), EmployeeId.of(employee),
                    EmployeeId.of(manager), null), "LeaveRequest", request, 1);
        }

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(mailsTo(email(manager))).hasSize(1);
            assertThat(pushTo("push-" + manager)).hasSize(1);
            assertThat(mailsTo(email(employee))).hasSize(1);
            assertThat(smsTo(phone(employee))).hasSize(1);
            assertThat(pushTo("push-" + employee)).hasSize(1);
        });
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(mailsTo(email(manager))).hasSize(1);
            assertThat(mailsTo(email(employee))).hasSize(1);
            assertThat(smsTo(phone(employee))).hasSize(1);
            assertThat(pushTo("push-" + employee)).hasSize(1);
        });
        assertThat(deliveries(request)).isEqualTo(7);
        assertThat(jdbc.queryForObject("select count(*) from inbox where leave_request_id = ?", Integer.class,
                request)).isEqualTo(2);
    }

    @Test
    void aDeliveryWhoseInstanceDiedMidSendIsResumedOnceWithTheSameIdempotencyKey() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        registerTeam(manager, employee);
        await().atMost(patience()).until(() -> jdbc.queryForObject(
                "select count(*) from employee_directory where employee_id = ?", Integer.class, employee) == 1);
        String sourceEventId = "evt-" + run;
        UUID deliveryId = DeliveryIds.of(sourceEventId, Channel.SMS, employee);
        // As left by an instance that registered the delivery, may have called the provider, and crashed.
        jdbc.update("insert into delivery (delivery_id, source_event_id, channel, recipient_id, recipient_role, kind, "
                + "leave_request_id, employee_id, manager_id, fallback_channel, details, status, attempts, owner, "
                + "lease_until, requested_at) values (?, ?, 'SMS', ?, 'EMPLOYEE', 'LEAVE_APPROVED', ?, ?, ?, 'EMAIL', "
                + "'{\"leaveType\":\"ANNUAL\"}', 'RETRYING', 1, 'crashed-instance', now() - interval '1 minute', "
                + "now() - interval '6 minutes')", deliveryId, sourceEventId, employee, request, employee, manager);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(smsTo(phone(employee))).hasSize(1);
            assertThat(status(sourceEventId, Channel.SMS, employee)).isEqualTo("SENT");
        });
        assertThat(smsTo(phone(employee)).get(0).getHeader("Idempotency-Key")).isEqualTo(deliveryId.toString());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(smsTo(phone(employee))).hasSize(1));
    }

    @Test
    void twoInstancesNeverClaimTheSameAbandonedDelivery() {
        String employee = id("eli");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = DeliveryIds.of("evt-" + run + "-" + i, Channel.PUSH, employee);
            ids.add(id);
            jdbc.update("insert into delivery (delivery_id, source_event_id, channel, recipient_id, recipient_role, "
                    + "kind, leave_request_id, employee_id, details, status, owner, lease_until, requested_at) values "
                    + "(?, ?, 'PUSH', ?, 'EMPLOYEE', 'LEAVE_APPROVED', ?, ?, '{}', 'PENDING', 'gone', "
                    + "now() - interval '1 minute', now())", id, "evt-" + run + "-" + i, employee, id("req"), employee);
        }

        CompletableFuture<List<Delivery>> a = CompletableFuture.supplyAsync(() -> claimAll("instance-a"));
        CompletableFuture<List<Delivery>> b = CompletableFuture.supplyAsync(() -> claimAll("instance-b"));

        Set<UUID> claimedByA = ids(a.join());
        Set<UUID> claimedByB = ids(b.join());
        // (one of them may find nothing left to claim: AssertJ refuses an empty set in doesNotContainAnyElementsOf)
        assertThat(java.util.Collections.disjoint(claimedByA, claimedByB)).as(claimedByA + " and " + claimedByB)
                .isTrue();
        List<String> owners = jdbc.queryForList("select owner from delivery where source_event_id like ?",
                String.class, "evt-" + run + "-%");
        assertThat(owners).hasSize(60).doesNotContain("gone");
    }

    private List<Delivery> claimAll(String owner) {
        List<Delivery> claimed = new ArrayList<>();
        List<Delivery> page;
        do {
            page = deliveryStore.claimExpired(owner, Duration.ofMinutes(5), 7);
            claimed.addAll(page);
        } while (!page.isEmpty());
        return claimed;
    }

    private static Set<UUID> ids(List<Delivery> deliveries) {
        Set<UUID> ids = new HashSet<>();
        deliveries.forEach(d -> ids.add(d.deliveryId()));
        return ids;
    }
}
