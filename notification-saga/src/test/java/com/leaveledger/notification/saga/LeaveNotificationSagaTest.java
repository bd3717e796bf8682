package com.leaveledger.notification.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.CancelNotificationsCommand;
import com.leaveledger.notification.delivery.CancellationResult;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.leaveledger.notification.delivery.NotificationKind;
import com.leaveledger.notification.delivery.NotificationFailedEvent;
import com.leaveledger.notification.delivery.RecipientRole;
import com.leaveledger.notification.delivery.SendNotificationCommand;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every path of the notification saga: who is told what on which channel, and how failures and cancellations are
 * compensated. Commands are summarised as "CHANNEL recipient KIND [fallback→X] [replaces]" for readability.
 */
class LeaveNotificationSagaTest {

    private static final String REQUEST = "req-1";
    private static final String EMPLOYEE = "eli";
    private static final String MANAGER = "mia";
    private static final String REQUESTED_ID = "evt-requested";
    private static final String APPROVED_ID = "evt-approved";
    private static final String REJECTED_ID = "evt-rejected";
    private static final String CANCELLED_ID = "evt-cancelled";

    /** An approval tells the employee by email, and by SMS and push falling back to email. */
    private static final String[] APPROVAL_NOTICES = {
        "EMAIL eli LEAVE_APPROVED",
        "SMS eli LEAVE_APPROVED fallback→EMAIL",
        "PUSH eli LEAVE_APPROVED fallback→EMAIL",
        "AUDIT eli LEAVE_APPROVED"};

    private SagaTestFixture<LeaveNotificationSaga> fixture;
    private final List<Object> commandsSeen = new ArrayList<>();
    private List<UUID> undelivered = List.of();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(LeaveNotificationSaga.class);
        fixture.registerResource(ApprovalReminderSagaTest.reminders(fixture, new java.util.HashMap<>()));
        fixture.setCallbackBehavior((payload, metaData) -> {
            commandsSeen.add(payload);
            if (payload instanceof CancelNotificationsCommand) {
                return new CancellationResult(undelivered);
            }
            return null;
        });
    }

    @Test
    void requestNotifiesTheManagerByEmailAndPushWithAnAuditRecord() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(event(REQUESTED_ID, requested()))
                .expectActiveSagas(1)
                .expectAssociationWith("leaveRequestId", REQUEST)
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL mia LEAVE_REQUESTED",
                        "PUSH mia LEAVE_REQUESTED fallback→EMAIL",
                        "AUDIT mia LEAVE_REQUESTED"));
    }

    @Test
    void approvalNotifiesTheEmployeeByEmailSmsAndPushWithEmailAsFallback() {
        givenRequested()
                .whenPublishingA(event(APPROVED_ID, approved()))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(APPROVAL_NOTICES));
    }

    @Test
    void approvedLeaveKeepsItsSagaUntilTheDayAfterItsFirstDay() {
        givenApproved()
                .whenTimeAdvancesTo(Instant.parse("2031-03-03T23:59:00Z"))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-04T00:00:00Z"),
                        LeaveNotificationSaga.LEAVE_STARTED);
    }

    @Test
    void approvedLeaveEndsItsSagaOnceItHasStarted() {
        givenApproved()
                .whenTimeAdvancesTo(Instant.parse("2031-03-04T00:00:00Z"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void rejectionNotifiesTheEmployeeAndEndsTheSaga() {
        givenRequested()
                .whenPublishingA(event(REJECTED_ID, rejected()))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL eli LEAVE_REJECTED",
                        "SMS eli LEAVE_REJECTED fallback→EMAIL",
                        "PUSH eli LEAVE_REJECTED fallback→EMAIL",
                        "AUDIT eli LEAVE_REJECTED"));
    }

    @Test
    void cancellingApprovedLeaveWhileApprovalNoticesArePendingCancelsThemAndSendsARetraction() {
        undelivered = List.of(DeliveryIds.of(APPROVED_ID, Channel.SMS, EMPLOYEE));
        givenApproved()
                .whenPublishingA(event(CANCELLED_ID, cancelled(LeaveRequestStatus.APPROVED)))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(
                        "CANCEL LEAVE_APPROVED",
                        "EMAIL eli APPROVAL_RETRACTED",
                        "PUSH eli APPROVAL_RETRACTED fallback→EMAIL",
                        "AUDIT eli APPROVAL_RETRACTED",
                        "EMAIL mia LEAVE_CANCELLED",
                        "PUSH mia LEAVE_CANCELLED fallback→EMAIL",
                        "AUDIT mia LEAVE_CANCELLED"));
    }

    @Test
    void cancellingApprovedLeaveAfterItsNoticesWereDeliveredTellsEmployeeAndManager() {
        undelivered = List.of();
        givenApproved()
                .whenPublishingA(event(CANCELLED_ID, cancelled(LeaveRequestStatus.APPROVED)))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(
                        "CANCEL LEAVE_APPROVED",
                        "EMAIL eli LEAVE_CANCELLED",
                        "PUSH eli LEAVE_CANCELLED fallback→EMAIL",
                        "AUDIT eli LEAVE_CANCELLED",
                        "EMAIL mia LEAVE_CANCELLED",
                        "PUSH mia LEAVE_CANCELLED fallback→EMAIL",
                        "AUDIT mia LEAVE_CANCELLED"));
    }

    @Test
    void withdrawingAPendingRequestCancelsTheManagersPendingNoticesAndTellsTheManager() {
        undelivered = List.of(DeliveryIds.of(REQUESTED_ID, Channel.PUSH, MANAGER));
        givenRequested()
                .whenPublishingA(event(CANCELLED_ID, cancelled(LeaveRequestStatus.SUBMITTED)))
                .expectActiveSagas(0)
                .expectDispatchedCommandsMatching(commands(
                        "CANCEL LEAVE_REQUESTED",
                        "EMAIL mia REQUEST_WITHDRAWN",
                        "PUSH mia REQUEST_WITHDRAWN fallback→EMAIL",
                        "AUDIT mia REQUEST_WITHDRAWN"));
    }

    @Test
    void aPermanentlyFailedSmsFallsBackToEmail() {
        UUID sms = DeliveryIds.of(APPROVED_ID, Channel.SMS, EMPLOYEE);
        givenApproved()
                .whenPublishingA(event("evt-sms-failed", failed(sms, Channel.SMS, EMPLOYEE)))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands("EMAIL eli LEAVE_APPROVED replaces " + sms));
        SendNotificationCommand fallback = (SendNotificationCommand) commandsSeen.get(commandsSeen.size() - 1);
        assertThat(fallback.sourceEventId()).isEqualTo("evt-sms-failed");
        assertThat(fallback.deliveryId()).isEqualTo(DeliveryIds.of("evt-sms-failed", Channel.EMAIL, EMPLOYEE));
        assertThat(fallback.details()).containsEntry("fallbackFrom", "SMS");
        assertThat(commandsSeen).filteredOn(c -> c instanceof SendNotificationCommand send
                        && send.kind() == NotificationKind.LEAVE_APPROVED && send.fallbackFor() == null)
                .hasSize(4).allMatch(c -> "enjoy".equals(((SendNotificationCommand) c).details().get("note")));
        assertThat(fallback.details()).as("the saga keeps no note (personal data) in its state: the fallback's "
                + "comes from the delivery it replaces, filled in by the command handler").doesNotContainKey("note");
    }

    @Test
    void aPermanentlyFailedPushFallsBackToEmail() {
        UUID push = DeliveryIds.of(REQUESTED_ID, Channel.PUSH, MANAGER);
        givenRequested()
                .whenPublishingA(event("evt-push-failed", failed(push, Channel.PUSH, MANAGER)))
                .expectDispatchedCommandsMatching(commands("EMAIL mia LEAVE_REQUESTED replaces " + push));
    }

    @Test
    void noFallbackForARequestNoticeOnceTheRequestWasDecided() {
        UUID push = DeliveryIds.of(REQUESTED_ID, Channel.PUSH, MANAGER);
        givenApproved()
                .whenPublishingA(event("evt-push-failed", failed(push, Channel.PUSH, MANAGER)))
                .expectNoDispatchedCommands();
    }

    @Test
    void aFailureAfterTheSagaEndedStillFallsBackInAShortLivedSaga() {
        UUID sms = DeliveryIds.of(REJECTED_ID, Channel.SMS, EMPLOYEE);
        givenRequested()
                .andThenAPublished(event(REJECTED_ID, rejected()))
                .whenPublishingA(event("evt-sms-failed", failed(sms, Channel.SMS, EMPLOYEE)))
                .expectDispatchedCommandsMatching(commands("EMAIL eli LEAVE_REJECTED replaces " + sms))
                .expectActiveSagas(0);
        SendNotificationCommand fallback = (SendNotificationCommand) commandsSeen.get(commandsSeen.size() - 1);
        assertThat(fallback.recipientRole()).isEqualTo(RecipientRole.EMPLOYEE);
        assertThat(fallback.fallbackChannel()).isNull();
    }

    @Test
    void aFailedFallbackIsNotFallenBackAgain() {
        givenApproved()
                .whenPublishingA(event("evt-email-failed", new NotificationFailedEvent(
                        DeliveryIds.of("evt-sms-failed", Channel.EMAIL, EMPLOYEE), REQUEST, Channel.EMAIL, EMPLOYEE,
                        RecipientRole.EMPLOYEE, NotificationKind.LEAVE_APPROVED, 6, "smtp: down", null)))
                .expectNoDispatchedCommands();
    }

    @Test
    void approvalOfARequestNeverSeenStillNotifiesTheEmployee() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(event(APPROVED_ID, approved()))
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(APPROVAL_NOTICES));
    }

    private ContinuedGivenState givenRequested() {
        return fixture.givenAPublished(event(REQUESTED_ID, requested()));
    }

    private ContinuedGivenState givenApproved() {
        return givenRequested().andThenAPublished(event(APPROVED_ID, approved()));
    }

    // --- events -------------------------------------------------------------------------------------------

    private static EventMessage<?> event(String id, Object payload) {
        return SagaTestMessages.event(id, payload, Instant::now);
    }

    private static LeaveRequestedEvent requested() {
        return new LeaveRequestedEvent(LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER),
                LeaveType.ANNUAL, LocalDate.of(2031, 3, 3), LocalDate.of(2031, 3, 7), false, false,
                new BigDecimal("5.0"), List.of(new YearShare(2031, new BigDecimal("5.0"))), "skiing", List.of(Approver.MANAGER));
    }

    private static LeaveApprovedEvent approved() {
        return new LeaveApprovedEvent(LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER),
                "enjoy");
    }

    private static LeaveRejectedEvent rejected() {
        return new LeaveRejectedEvent(LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER),
                "team offsite");
    }

    private static LeaveCancelledEvent cancelled(LeaveRequestStatus previous) {
        return new LeaveCancelledEvent(LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(EMPLOYEE),
                previous, "plans changed");
    }

    private static NotificationFailedEvent failed(UUID deliveryId, Channel channel, String recipient) {
        boolean manager = recipient.equals(MANAGER);
        NotificationKind kind = deliveryId.equals(DeliveryIds.of(REQUESTED_ID, channel, recipient))
                ? NotificationKind.LEAVE_REQUESTED : deliveryId.equals(DeliveryIds.of(REJECTED_ID, channel, recipient))
                ? NotificationKind.LEAVE_REJECTED : NotificationKind.LEAVE_APPROVED;
        return new NotificationFailedEvent(deliveryId, REQUEST, channel, recipient,
                manager ? RecipientRole.MANAGER : RecipientRole.EMPLOYEE, kind, 1, "http-400: invalid number",
                Channel.EMAIL);
    }

    // --- matching -----------------------------------------------------------------------------------------

    private static Matcher<List<CommandMessage<?>>> commands(String... expected) {
        return SagaTestMessages.summarisedAs(LeaveNotificationSagaTest::summary, expected);
    }

    private static String summary(Object payload) {
        if (payload instanceof CancelNotificationsCommand cancel) {
            assertThat(cancel.leaveRequestId()).isEqualTo(REQUEST);
            return "CANCEL " + cancel.kind();
        }
        SendNotificationCommand send = (SendNotificationCommand) payload;
        assertThat(send.deliveryId()).isEqualTo(DeliveryIds.of(send.sourceEventId(), send.channel(), send.recipientId()));
        assertThat(send.leaveRequestId()).isEqualTo(REQUEST);
        return send.channel() + " " + send.recipientId() + " " + send.kind()
                + (send.fallbackChannel() == null ? "" : " fallback→" + send.fallbackChannel())
                + (send.fallbackFor() == null ? "" : " replaces " + send.fallbackFor());
    }
}
