package com.leaveledger.notification.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import com.leaveledger.notification.delivery.DeliveryIds;
import com.leaveledger.notification.delivery.RecipientRole;
import com.leaveledger.notification.delivery.SendNotificationCommand;
import com.leaveledger.support.calendar.CalendarConfiguration;
import com.leaveledger.support.calendar.EmployeeCalendar;
import com.leaveledger.support.calendar.JollydayHolidayCalendar;
import com.leaveledger.support.calendar.WorkingDays;
import com.leaveledger.support.policy.LeavePolicies;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders and escalation of a request waiting for a decision (issue 27, point 4): two working days in the employee's
 * calendar remind the approver, five escalate to the approver's own manager; a level passed restarts the clock, a
 * decision or cancellation cancels it, and an event read again too late schedules nothing. Berlin, 2031: Friday
 * 28 February 10:00 UTC is the submission.
 */
class ApprovalReminderSagaTest {

    static final String REQUEST = "req-1";
    static final String EMPLOYEE = "eli";
    static final String MANAGER = "mia";
    static final String MANAGERS_MANAGER = "max";
    static final String HR_CONTACT = "hanna";
    static final String HR_MANAGER = "hugo";
    private static final Instant FRIDAY = Instant.parse("2031-02-28T10:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2031-03-04T10:00:00Z");
    private static final Instant NEXT_FRIDAY = Instant.parse("2031-03-07T10:00:00Z");
    private static final Instant MONDAY = Instant.parse("2031-03-03T15:00:00Z");

    private SagaTestFixture<LeaveNotificationSaga> fixture;
    private final Map<String, EmployeeCalendar> calendars = new HashMap<>();
    /** When the saga handles what it handles, if not at the event's time (an event read again later). */
    private static final java.util.concurrent.atomic.AtomicReference<Instant> HANDLED_AT =
            new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        HANDLED_AT.set(null);
        fixture = new SagaTestFixture<>(LeaveNotificationSaga.class);
        fixture.setCallbackBehavior((payload, metaData) -> null);
        fixture.registerResource(reminders(fixture, calendars));
        calendars.put(EMPLOYEE, EmployeeCalendar.of("DE", "BE"));
    }

    /** The saga's reminders as production builds them, with a directory of this test and the fixture's clock. */
    static ApprovalReminders reminders(SagaTestFixture<?> fixture, Map<String, EmployeeCalendar> calendars) {
        return reminders(fixture, calendars, HR_CONTACT);
    }

    /** As {@link #reminders(SagaTestFixture, Map)}, with that HR contact (null or blank: none). */
    static ApprovalReminders reminders(SagaTestFixture<?> fixture, Map<String, EmployeeCalendar> calendars,
                                       String hrContact) {
        Map<String, String> managers = Map.of(EMPLOYEE, MANAGER, MANAGER, MANAGERS_MANAGER, HR_CONTACT, HR_MANAGER);
        ApprovalReminders.Employees employees = new ApprovalReminders.Employees() {
            @Override
            public EmployeeCalendar calendarOf(String employeeId) {
                return calendars.getOrDefault(employeeId, EmployeeCalendar.of("DE", "BE"));
            }

            @Override
            public Optional<String> managerOf(String employeeId) {
                return Optional.ofNullable(managers.get(employeeId));
            }
        };
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant handledAt = HANDLED_AT.get();
                return handledAt != null ? handledAt : fixture.currentTime();
            }
        };
        return new ApprovalReminders(new WorkingDays(new JollydayHolidayCalendar(),
                CalendarConfiguration.defaultWorkingWeeks()), employees, new LeavePolicies.Reminders(2, 5),
                hrContact, clock);
    }

    @Test
    void remindsTheManagerAfterTwoWorkingDaysByEmailAndPush() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenTimeAdvancesTo(TUESDAY)
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL mia MANAGER APPROVAL_REMINDER",
                        "PUSH mia MANAGER APPROVAL_REMINDER fallback→EMAIL",
                        "AUDIT mia MANAGER APPROVAL_REMINDER"))
                .expectScheduledDeadlineWithName(NEXT_FRIDAY, LeaveNotificationSaga.ESCALATE);
    }

    @Test
    void remindsNobodyBeforeTwoWorkingDaysHavePassed() throws Exception {
        // Saturday and Sunday do not count: on Monday one working day has passed.
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenTimeAdvancesTo(TUESDAY.minusSeconds(1))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(TUESDAY, LeaveNotificationSaga.REMIND);
    }

    @Test
    void escalatesToTheManagersOwnManagerAfterFiveWorkingDays() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .andThenTimeAdvancesTo(TUESDAY)
                .whenTimeAdvancesTo(NEXT_FRIDAY)
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL max APPROVERS_MANAGER APPROVAL_ESCALATED",
                        "PUSH max APPROVERS_MANAGER APPROVAL_ESCALATED fallback→EMAIL",
                        "AUDIT max APPROVERS_MANAGER APPROVAL_ESCALATED"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theEscalationNamesTheApproverAndTheWaitingDays() throws Exception {
        List<SendNotificationCommand> sent = new ArrayList<>();
        fixture.setCallbackBehavior((payload, metaData) -> {
            sent.add((SendNotificationCommand) payload);
            return null;
        });
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .andThenTimeAdvancesTo(TUESDAY)
                .whenTimeAdvancesTo(NEXT_FRIDAY);
        SendNotificationCommand escalation = sent.get(sent.size() - 1);
        assertThat(escalation.details()).containsEntry("approverId", MANAGER).containsEntry("waitingWorkingDays", "5")
                .containsEntry("level", "MANAGER").containsEntry("startDate", "2031-03-10");
        assertThat(escalation.sourceEventId()).isEqualTo("evt-requested|" + LeaveNotificationSaga.ESCALATE);
    }

    @Test
    void approvalCancelsTheReminderAndTheEscalation() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenPublishingA(at(FRIDAY.plusSeconds(60), "evt-approved", new LeaveApprovedEvent(
                        LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER), "ok")))
                .expectNoScheduledDeadlineWithName(TUESDAY, LeaveNotificationSaga.REMIND)
                .expectNoScheduledDeadlineWithName(NEXT_FRIDAY, LeaveNotificationSaga.ESCALATE)
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-11T00:00:00Z"),
                        LeaveNotificationSaga.LEAVE_STARTED);
    }

    @Test
    void rejectionCancelsTheDeadlines() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenPublishingA(at(FRIDAY.plusSeconds(60), "evt-rejected", new LeaveRejectedEvent(
                        LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER), "no")))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void cancellationCancelsTheDeadlinesAndNothingIsSentLater() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .andThenAPublished(at(FRIDAY.plusSeconds(60), "evt-cancelled", new LeaveCancelledEvent(
                        LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(EMPLOYEE),
                        LeaveRequestStatus.SUBMITTED, "never mind")))
                .whenTimeAdvancesTo(NEXT_FRIDAY.plusSeconds(3600))
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aLevelPassedRestartsTheClockForTheNextApprover() throws Exception {
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .andThenAPublished(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR))
                .whenTimeAdvancesTo(Instant.parse("2031-03-05T15:00:00Z"))
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL hanna HR APPROVAL_REMINDER",
                        "PUSH hanna HR APPROVAL_REMINDER fallback→EMAIL",
                        "AUDIT hanna HR APPROVAL_REMINDER"))
                .expectNoScheduledDeadlineWithName(NEXT_FRIDAY, LeaveNotificationSaga.ESCALATE)
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-10T15:00:00Z"), LeaveNotificationSaga.ESCALATE);
    }

    @Test
    void aLevelPassedTellsTheHrContactItIsTheirTurnAndRestartsTheDeadlinesForThem() throws Exception {
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .whenPublishingA(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR))
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL hanna HR APPROVAL_TURN",
                        "PUSH hanna HR APPROVAL_TURN fallback→EMAIL",
                        "AUDIT hanna HR APPROVAL_TURN"))
                .expectNoScheduledDeadlineWithName(TUESDAY, LeaveNotificationSaga.REMIND)
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-05T15:00:00Z"), LeaveNotificationSaga.REMIND)
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-10T15:00:00Z"),
                        LeaveNotificationSaga.ESCALATE);
    }

    @Test
    void theTurnNoticeNamesTheLevelPassedAndIsNamedByItsEvent() throws Exception {
        List<SendNotificationCommand> sent = new ArrayList<>();
        fixture.setCallbackBehavior((payload, metaData) -> {
            sent.add((SendNotificationCommand) payload);
            return null;
        });
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .whenPublishingA(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR));
        SendNotificationCommand turn = sent.get(sent.size() - 1);
        assertThat(turn.sourceEventId()).isEqualTo("evt-level-1");
        assertThat(turn.details()).containsEntry("level", "HR").containsEntry("levelPassed", "1")
                .containsEntry("approvedBy", MANAGER).containsEntry("startDate", "2031-03-10");
        assertThat(sent).filteredOn(command -> command.sourceEventId().equals("evt-level-1"))
                .extracting(command -> command.deliveryId().toString()).doesNotHaveDuplicates()
                .hasSize(3);
    }

    @Test
    void aManagerLevelAfterHrTellsTheManager() throws Exception {
        requestedOnFridayUntilMonday(Approver.HR, Approver.MANAGER)
                .whenPublishingA(levelOnePassedOnMonday(Approver.HR, Approver.MANAGER))
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL mia MANAGER APPROVAL_TURN",
                        "PUSH mia MANAGER APPROVAL_TURN fallback→EMAIL",
                        "AUDIT mia MANAGER APPROVAL_TURN"));
    }

    @Test
    void withoutAnHrContactNobodyIsToldOfTheHrLevel() throws Exception {
        fixture = new SagaTestFixture<>(LeaveNotificationSaga.class);
        fixture.setCallbackBehavior((payload, metaData) -> null);
        fixture.registerResource(reminders(fixture, calendars, ""));
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .whenPublishingA(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void theLastLevelTellsTheEmployeeNotAnotherApprover() throws Exception {
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .andThenAPublished(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR))
                .whenPublishingA(at(MONDAY.plusSeconds(60), "evt-approved", new LeaveApprovedEvent(
                        LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(HR_CONTACT), "ok")))
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL eli EMPLOYEE LEAVE_APPROVED",
                        "SMS eli EMPLOYEE LEAVE_APPROVED fallback→EMAIL",
                        "PUSH eli EMPLOYEE LEAVE_APPROVED fallback→EMAIL",
                        "AUDIT eli EMPLOYEE LEAVE_APPROVED"));
    }

    @Test
    void anHrLevelWaitingTooLongIsEscalatedToTheHrContactsManager() throws Exception {
        requestedOnFridayUntilMonday(Approver.MANAGER, Approver.HR)
                .andThenAPublished(levelOnePassedOnMonday(Approver.MANAGER, Approver.HR))
                .andThenTimeAdvancesTo(Instant.parse("2031-03-05T15:00:00Z"))
                .whenTimeAdvancesTo(Instant.parse("2031-03-10T15:00:00Z"))
                .expectDispatchedCommandsMatching(commands(
                        "EMAIL hugo APPROVERS_MANAGER APPROVAL_ESCALATED",
                        "PUSH hugo APPROVERS_MANAGER APPROVAL_ESCALATED fallback→EMAIL",
                        "AUDIT hugo APPROVERS_MANAGER APPROVAL_ESCALATED"));
    }

    @Test
    void theWaitingDaysAreCountedInThePartTimeEmployeesOwnDays() throws Exception {
        calendars.put(EMPLOYEE, EmployeeCalendar.of("DE", "BE")
                .withOwnDays(LocalDate.of(2031, 1, 1), EnumSet.of(DayOfWeek.MONDAY)));
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenTimeAdvancesTo(TUESDAY)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(Instant.parse("2031-03-10T10:00:00Z"), LeaveNotificationSaga.REMIND);
    }

    @Test
    void anEventReadAgainAfterItsDeadlinesPassedRemindsNobody() throws Exception {
        // A lost token or a long outage: the request of 28 February is handled on 20 March (the fixture stamps an
        // event with its own time, so the handling time is moved instead).
        HANDLED_AT.set(Instant.parse("2031-03-20T08:00:00Z"));
        fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(Approver.MANAGER)))
                .whenTimeAdvancesTo(Instant.parse("2031-04-20T08:00:00Z"))
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands();
    }

    @Test
    void aRequestWithoutApprovalsIsNotReminded() throws Exception {
        fixture.givenCurrentTime(FRIDAY)
                .whenPublishingA(at(FRIDAY, "evt-requested", requested()))
                .expectNoScheduledDeadlines();
    }

    private static EventMessage<?> at(Instant timestamp, String id, Object payload) {
        return SagaTestMessages.event(id, payload, () -> timestamp);
    }

    /** A request for {@code first} then {@code next} submitted on Friday; the fixture's time is Monday 15:00. */
    private ContinuedGivenState requestedOnFridayUntilMonday(Approver first, Approver next) throws Exception {
        return fixture.givenCurrentTime(FRIDAY)
                .andThenAPublished(at(FRIDAY, "evt-requested", requested(first, next)))
                .andThenTimeAdvancesTo(MONDAY);
    }

    /** Level 1 ({@code first}) approved on Monday 3 March, 15:00, by the manager or the HR contact. */
    private static EventMessage<?> levelOnePassedOnMonday(Approver first, Approver next) {
        String approver = first == Approver.HR ? HR_CONTACT : MANAGER;
        return at(MONDAY, "evt-level-1", new LeaveLevelApprovedEvent(LeaveRequestId.of(REQUEST),
                EmployeeId.of(EMPLOYEE), 1, first, EmployeeId.of(approver), null, "fine", next));
    }

    private static LeaveRequestedEvent requested(Approver... approvals) {
        return new LeaveRequestedEvent(LeaveRequestId.of(REQUEST), EmployeeId.of(EMPLOYEE), EmployeeId.of(MANAGER),
                LeaveType.ANNUAL, LocalDate.of(2031, 3, 10), LocalDate.of(2031, 3, 14), false, false,
                new BigDecimal("5.0"), List.of(new YearShare(2031, new BigDecimal("5.0"))), "skiing",
                List.of(approvals));
    }

    private static Matcher<List<CommandMessage<?>>> commands(String... expected) {
        return SagaTestMessages.summarisedAs(ApprovalReminderSagaTest::summary, expected);
    }

    private static String summary(Object payload) {
        SendNotificationCommand send = (SendNotificationCommand) payload;
        assertThat(send.deliveryId()).isEqualTo(DeliveryIds.of(send.sourceEventId(), send.channel(),
                send.recipientId()));
        RecipientRole role = send.recipientRole();
        return send.channel() + " " + send.recipientId() + " " + role + " " + send.kind()
                + (send.fallbackChannel() == null ? "" : " fallback→" + send.fallbackChannel());
    }
}
