package com.leaveledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.leaverequest.LeaveRequestStatus;
import com.leaveledger.query.audit.RequestFold.RequestState;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RequestFoldTest {

    private static final Instant T = Instant.parse("2027-03-01T09:00:00Z");

    @Test
    void foldsARequestWithTheProjectionsRules() {
        RequestFold fold = new RequestFold();
        fold.apply("LeaveRequestedEvent", "r1", T, json("{\"leaveRequestId\":\"r1\",\"employeeId\":\"eli\","
                + "\"managerId\":\"mia\",\"leaveType\":\"ANNUAL\",\"startDate\":\"2027-04-05\","
                + "\"endDate\":\"2027-04-06\",\"halfDayStart\":false,\"halfDayEnd\":true,\"workingDays\":1.5,"
                + "\"shares\":[{\"year\":2027,\"days\":1.5}],\"reason\":\"trip\\u0000\"}"));
        fold.apply("LeaveApprovedEvent", "r1", T.plusSeconds(60),
                json("{\"leaveRequestId\":\"r1\",\"employeeId\":\"eli\",\"approvedBy\":\"mia\",\"comment\":\"ok\"}"));
        fold.apply("LeaveCancelledEvent", "r1", T.plusSeconds(120), json("{\"leaveRequestId\":\"r1\","
                + "\"employeeId\":\"eli\",\"cancelledBy\":\"eli\",\"previousStatus\":\"APPROVED\","
                + "\"reason\":null}"));

        RequestState state = fold.request("r1").orElseThrow();

        assertThat(state.status()).isEqualTo(LeaveRequestStatus.CANCELLED);
        assertThat(state.startDate()).isEqualTo(LocalDate.of(2027, 4, 5));
        assertThat(state.halfDayEnd()).isTrue();
        assertThat(state.workingDays()).isEqualByComparingTo("1.5");
        assertThat(state.reason()).isEqualTo("trip\u0000");
        assertThat(state.decidedBy()).isEqualTo("mia");
        assertThat(state.decidedAt()).isEqualTo(T.plusSeconds(60));
        assertThat(state.decisionNote()).isEqualTo("ok");
        assertThat(state.cancelledBy()).isEqualTo("eli");
        assertThat(state.cancelledAt()).isEqualTo(T.plusSeconds(120));
        assertThat(state.cancelReason()).isNull();
        assertThat(state.updatedAt()).isEqualTo(T.plusSeconds(120));
        assertThat(fold.applied()).isEqualTo(3);
    }

    @Test
    void foldsTheLevelsPassedWithWhoApprovedOnWhoseBehalf() {
        RequestFold fold = new RequestFold();
        fold.apply("LeaveRequestedEvent", "r1", T, json("{\"leaveRequestId\":\"r1\",\"employeeId\":\"eli\","
                + "\"managerId\":\"mia\",\"leaveType\":\"PARENTAL\",\"startDate\":\"2027-04-05\","
                + "\"endDate\":\"2027-04-09\",\"workingDays\":5,\"approvals\":[\"MANAGER\",\"HR\"]}"));
        assertThat(fold.request("r1").orElseThrow().awaiting()).isEqualTo("MANAGER");
        fold.apply("LeaveLevelApprovedEvent", "r1", T.plusSeconds(60), json("{\"leaveRequestId\":\"r1\","
                + "\"employeeId\":\"eli\",\"level\":1,\"approvedAs\":\"MANAGER\",\"approvedBy\":\"dan\","
                + "\"onBehalfOf\":\"mia\",\"comment\":\"fine\",\"nextApprover\":\"HR\"}"));

        RequestState atHr = fold.request("r1").orElseThrow();
        assertThat(atHr.status()).isEqualTo(LeaveRequestStatus.SUBMITTED);
        assertThat(atHr.awaiting()).isEqualTo("HR");
        assertThat(atHr.levelsPassed()).singleElement().satisfies(level -> {
            assertThat(level.approvedBy()).isEqualTo("dan");
            assertThat(level.onBehalfOf()).isEqualTo("mia");
            assertThat(level.summary()).isEqualTo("level 1 (MANAGER) approved by dan on behalf of mia");
        });

        fold.apply("LeaveApprovedEvent", "r1", T.plusSeconds(120), json("{\"leaveRequestId\":\"r1\","
                + "\"employeeId\":\"eli\",\"approvedBy\":\"hr-1\",\"comment\":\"ok\",\"onBehalfOf\":null}"));
        RequestState approved = fold.request("r1").orElseThrow();
        assertThat(approved.status()).isEqualTo(LeaveRequestStatus.APPROVED);
        assertThat(approved.awaiting()).isNull();
        assertThat(approved.decidedOnBehalfOf()).isNull();
        assertThat(approved.levelsPassed()).extracting(RequestFold.PassedLevel::summary).containsExactly(
                "level 1 (MANAGER) approved by dan on behalf of mia", "level 2 (HR) approved by hr-1");
        assertThat(fold.applied()).isEqualTo(3);
    }

    @Test
    void aRevisionOneRequestAwaitedItsManager() {
        RequestFold fold = new RequestFold();
        fold.apply("LeaveRequestedEvent", "r1", T, json("{\"employeeId\":\"eli\",\"leaveType\":\"ANNUAL\"}"));
        fold.apply("LeaveRequestedEvent", "r2", T, json("{\"employeeId\":\"eli\",\"leaveType\":\"SICK\"}"));

        assertThat(fold.request("r1").orElseThrow().approvals()).containsExactly("MANAGER");
        assertThat(fold.request("r2").orElseThrow().approvals()).isEmpty();
    }

    @Test
    void skipsUnknownEventsAndEventsOfARequestNotSubmitted() {
        RequestFold fold = new RequestFold();
        fold.apply("LeaveApprovedEvent", "r0", T, json("{\"approvedBy\":\"mia\"}"));
        fold.apply("LeaveRequestedEvent", "r1", T, json("{\"employeeId\":\"eli\",\"startDate\":\"2027-01-04\"}"));
        fold.apply("LeaveRequestedEvent", "r2", T, json("{\"employeeId\":\"eli\",\"startDate\":\"2027-06-07\"}"));
        fold.apply("LeaveArchivedEvent", "r1", T, json("{}"));

        assertThat(fold.request("r0")).isEmpty();
        assertThat(fold.requests()).extracting(RequestState::leaveRequestId).containsExactly("r2", "r1");
        assertThat(fold.requests()).extracting(RequestState::status).containsOnly(LeaveRequestStatus.SUBMITTED);
        assertThat(fold.applied()).isEqualTo(2);
    }

    private static JsonNode json(String text) {
        return AuditQueries.payload(text);
    }
}
