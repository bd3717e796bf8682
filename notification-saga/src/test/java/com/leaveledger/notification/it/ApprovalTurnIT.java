package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A level passed tells the next level's approver, once, that the request now awaits them. */
class ApprovalTurnIT extends NotificationSagaIT {

    @Test
    void aLevelPassedTellsTheHrContactOnceByEmailAndPushThatItIsTheirTurn() {
        String manager = id("mia"), employee = id("eli"), request = id("req");
        register(HR_CONTACT, null);
        registerTeam(manager, employee);
        publish(new LeaveRequestedEvent(LeaveRequestId.of(request), EmployeeId.of(employee), EmployeeId.of(manager),
                LeaveType.PARENTAL, LocalDate.of(2031, 5, 5), LocalDate.of(2031, 5, 9), false, false,
                new BigDecimal("5.0"), List.of(new YearShare(2031, new BigDecimal("5.0"))), "baby",
                List.of(Approver.MANAGER, Approver.HR)), "LeaveRequest", request, 0);
        String levelId = UUID.randomUUID().toString();
        LeaveLevelApprovedEvent level = new LeaveLevelApprovedEvent(LeaveRequestId.of(request),
                EmployeeId.of(employee), 1, Approver.MANAGER, EmployeeId.of(manager), null, "fine", Approver.HR);
        // the publisher's at-least-once: the same event twice
        publish(levelId, level, "LeaveRequest", request, 1);
        publish(levelId, level, "LeaveRequest", request, 1);

        await().atMost(patience()).untilAsserted(() -> {
            assertThat(turnMails(employee)).hasSize(1);
            assertThat(turnPushes(request)).hasSize(1);
        });
        MimeMessage mail = turnMails(employee).get(0);
        assertThat(subject(mail)).isEqualTo("Name " + employee + "'s leave request awaits your decision");
        assertThat(GreenMailUtil.getBody(mail)).contains("passed approval level 1 (approved by " + manager + ")")
                .contains("(HR approval)");
        assertThat(turnPushes(request).get(0).getHeader("Idempotency-Key"))
                .isEqualTo(DeliveryIds.of(levelId, Channel.PUSH, HR_CONTACT).toString());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(turnMails(employee)).hasSize(1);
            assertThat(turnPushes(request)).hasSize(1);
        });
        await().atMost(patience()).untilAsserted(() -> assertThat(jdbc.queryForList("select kind || ' ' || "
                + "recipient_id || ' ' || channels from compliance_audit where leave_request_id = ? "
                + "order by recorded_at", String.class, request)).containsExactly(
                "LEAVE_REQUESTED " + manager + " EMAIL,PUSH", "APPROVAL_TURN " + HR_CONTACT + " EMAIL,PUSH"));
    }

    private List<MimeMessage> turnMails(String employee) {
        return mailsTo(email(HR_CONTACT)).stream()
                .filter(mail -> subject(mail).contains(employee) && subject(mail).contains("awaits your decision"))
                .toList();
    }

    private List<LoggedRequest> turnPushes(String request) {
        return pushTo("push-" + HR_CONTACT).stream()
                .filter(push -> body(push).contains(request) && body(push).contains("APPROVAL_TURN")).toList();
    }
}
