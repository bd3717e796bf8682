package com.leaveledger.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.leaveledger.kernel.employee.ApprovalsDelegatedEvent;
import com.leaveledger.kernel.employee.Channel;
import com.leaveledger.kernel.employee.DelegationRevokedEvent;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.EmployeeRegisteredEvent;
import com.leaveledger.kernel.employee.ErasureBasis;
import com.leaveledger.kernel.employee.SubjectErasedEvent;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import com.leaveledger.kernel.leaveaccount.BalanceAdjustedEvent;
import com.leaveledger.kernel.leaveaccount.BalanceCarriedForwardEvent;
import com.leaveledger.kernel.leaveaccount.CarriedDaysExpiredEvent;
import com.leaveledger.kernel.leaveaccount.CarriedOverEvent;
import com.leaveledger.kernel.leaveaccount.DaysAccruedEvent;
import com.leaveledger.kernel.leaveaccount.DaysDeductedEvent;
import com.leaveledger.kernel.leaveaccount.DaysReservedEvent;
import com.leaveledger.kernel.leaveaccount.DaysRestoredEvent;
import com.leaveledger.kernel.leaveaccount.EntitlementGrantedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveAccountId;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaveaccount.ReservationReleasedEvent;
import com.leaveledger.kernel.leaverequest.LeaveApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveCancelledEvent;
import com.leaveledger.kernel.leaverequest.LeaveRejectedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestId;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.kernel.leaverequest.Approver;
import com.leaveledger.kernel.leaverequest.LeaveLevelApprovedEvent;
import com.leaveledger.kernel.leaverequest.LeaveRequestedEvent;
import com.leaveledger.kernel.leaverequest.YearShare;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events are a persisted contract: the JSON of each event type is approved in
 * {@code src/test/resources/approved-events/<Event>.json}. A change of shape fails here; if it is intended, add a
 * new {@code @Revision} and an upcaster, then approve the new JSON (run with {@code -Dapprove=true}).
 */
class EventJsonApprovalTest {

    private static final ObjectMapper JSON = LedgerObjectMapper.create();
    private static final EmployeeId EMPLOYEE = new EmployeeId("e-1001");
    private static final EmployeeId MANAGER = new EmployeeId("m-2001");
    private static final EmployeeId DELEGATE = new EmployeeId("m-2002");
    private static final LeaveRequestId REQUEST = new LeaveRequestId("5f0c6a52-3c1e-4b8e-9d0a-0d7f1e2a3b4c");
    private static final LeaveAccountId ACCOUNT = new LeaveAccountId(EMPLOYEE, LeaveType.ANNUAL, 2027);

    static Stream<LedgerEvent> samples() {
        return Stream.of(
                new SubjectErasedEvent(EMPLOYEE, ErasureBasis.CONSENT_WITHDRAWN, "HR-4711"),
                new ApprovalsDelegatedEvent(MANAGER, "d-7", DELEGATE, LocalDate.of(2027, 7, 1),
                        LocalDate.of(2027, 7, 31)),
                new DelegationRevokedEvent(MANAGER, "d-7"),
                new EmployeeRegisteredEvent(EMPLOYEE, "Eli Example", "eli@example.com", "+4930123456", "push-token-1",
                        MANAGER, "DE", "BE", new LinkedHashSet<>(EnumSet.of(Channel.EMAIL, Channel.PUSH))),
                new WorkingPatternChangedEvent(EMPLOYEE, LocalDate.of(2027, 4, 1),
                        List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)),
                new EntitlementGrantedEvent(ACCOUNT, Days.of("30"), "contract 2027", LocalDate.of(2028, 3, 31)),
                new CarriedOverEvent(ACCOUNT, Days.of("2.5"), 2026, "carry-over 2026", LocalDate.of(2027, 3, 31)),
                new DaysAccruedEvent(ACCOUNT, Days.of("2.5"), YearMonth.of(2027, 3)),
                new BalanceCarriedForwardEvent(ACCOUNT, Days.of("5"), 2028),
                new CarriedDaysExpiredEvent(ACCOUNT, Days.of("1.5"), LocalDate.of(2027, 3, 31)),
                new BalanceAdjustedEvent(ACCOUNT, Days.of("-1.5"), "correction of ticket HR-17"),
                new DaysReservedEvent(ACCOUNT, REQUEST, Days.of("4.5")),
                new ReservationReleasedEvent(ACCOUNT, REQUEST, Days.of("4.5")),
                new DaysDeductedEvent(ACCOUNT, REQUEST, Days.of("4.5")),
                new DaysRestoredEvent(ACCOUNT, REQUEST, Days.of("4.5")),
                new LeaveRequestedEvent(REQUEST, EMPLOYEE, MANAGER, LeaveType.ANNUAL, LocalDate.of(2027, 12, 28),
                        LocalDate.of(2028, 1, 4), true, false, Days.of("4.5"),
                        List.of(new YearShare(2027, Days.of("2.5")), new YearShare(2028, Days.of("2.0"))), "family",
                        List.of(Approver.MANAGER, Approver.HR)),
                new LeaveLevelApprovedEvent(REQUEST, EMPLOYEE, 1, Approver.MANAGER, DELEGATE, MANAGER, "fine by me",
                        Approver.HR),
                new LeaveApprovedEvent(REQUEST, EMPLOYEE, DELEGATE, "enjoy", MANAGER),
                new LeaveRejectedEvent(REQUEST, EMPLOYEE, DELEGATE, "team offsite", MANAGER),
                new LeaveCancelledEvent(REQUEST, EMPLOYEE, EMPLOYEE, LeaveRequestStatus.APPROVED, "plans changed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void serializedFormMatchesTheApprovedOne(LedgerEvent event) throws IOException {
        String name = event.getClass().getSimpleName();
        String actual = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(event) + "\n";
        if (Boolean.getBoolean("approve")) {
            Path file = Path.of("src/test/resources/approved-events", name + ".json");
            Files.writeString(file, actual);
        }
        try (InputStream approved = getClass().getResourceAsStream("/approved-events/" + name + ".json")) {
            assertThat(approved).as("approved JSON of " + name + " (run with -Dapprove=true once)").isNotNull();
            JsonNode expected = JSON.readTree(approved);
            assertThat(JSON.readTree(actual)).as(name + " changed shape").isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsBackEqual(LedgerEvent event) throws IOException {
        assertThat(JSON.readValue(JSON.writeValueAsString(event), event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void approvedUnderItsCurrentRevision(LedgerEvent event) throws IOException {
        String name = event.getClass().getSimpleName();
        String revision = event.getClass().getAnnotation(Revision.class).value();
        try (InputStream approved = getClass().getResourceAsStream("/approved-events/revisions.json")) {
            assertThat(JSON.readTree(approved).path(name).asText())
                    .as("revision of " + name + " in approved-events/revisions.json: a new revision needs an upcaster")
                    .isEqualTo(revision);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void carriesARevision(LedgerEvent event) {
        assertThat(event.getClass().getAnnotation(Revision.class)).isNotNull();
    }

    @Test
    void everyEventTypeHasASample() {
        Set<Class<?>> sampled = new LinkedHashSet<>();
        samples().forEach(e -> sampled.add(e.getClass()));
        Set<Class<?>> all = new LinkedHashSet<>();
        for (Class<?> sealed : List.of(com.leaveledger.kernel.employee.EmployeeEvent.class,
                com.leaveledger.kernel.leaveaccount.LeaveAccountEvent.class,
                com.leaveledger.kernel.leaverequest.LeaveRequestEvent.class)) {
            all.addAll(List.of(sealed.getPermittedSubclasses()));
        }
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(all);
    }
}
