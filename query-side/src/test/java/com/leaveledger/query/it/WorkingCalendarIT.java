package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.kernel.employee.EmployeeId;
import com.leaveledger.kernel.employee.WorkingPatternChangedEvent;
import com.leaveledger.kernel.leaveaccount.LeaveType;
import com.leaveledger.kernel.leaverequest.Approver;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The query side counts working days in each employee's calendar as the command side does: the country's week
 * ({@code ledger.working-weeks}; Saudi Arabia rests on Friday and Saturday), a part-timer's own days
 * ({@code WorkingPatternChangedEvent}) and public holidays. Escalated requests reach the pending list of the
 * approver's own manager on the day the command side lets them decide; the service's clock is the test's.
 */
class WorkingCalendarIT extends QuerySideIT {

    private static final List<Approver> MANAGER = List.of(Approver.MANAGER);

    private String max;
    private String mia;
    private String eli;
    private String sara;
    private String pat;

    @BeforeEach
    void team() {
        max = id("max");
        mia = id("mia");
        eli = id("eli");
        sara = id("sara");
        pat = id("pat");
        ledger.register(max, null);
        ledger.register(mia, max);
        ledger.register(eli, mia);
        ledger.register(sara, mia, "SA", null);
        ledger.register(pat, mia);
    }

    @Test
    void aRequestWaitingTheEscalationPeriodIsListedForTheManagersManagerOnTheCommandSidesDay() {
        partTime(pat, LocalDate.of(2027, 1, 1), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        // submitted on Friday 15 January 2027; five working days later in each calendar:
        ledger.at(Instant.parse("2027-01-15T10:00:00Z"));
        String eliRequest = submit(eli, LocalDate.of(2027, 3, 1), MANAGER);   // Mon–Fri: Friday 22 January
        String saraRequest = submit(sara, LocalDate.of(2027, 3, 1), MANAGER); // Sun–Thu: Thursday 21 January
        String patRequest = submit(pat, LocalDate.of(2027, 3, 1), MANAGER);   // Mon–Wed: Tuesday 26 January
        String hrFirst = submit(eli, LocalDate.of(2027, 4, 5), List.of(Approver.HR, Approver.MANAGER));
        String atHr = submit(eli, LocalDate.of(2027, 5, 3), List.of(Approver.MANAGER, Approver.HR));
        ledger.approveLevel(atHr, 1, Approver.MANAGER, mia, null, Approver.HR);
        // HR passes the first level on Wednesday 20 January: the MANAGER level waits from then, until Wednesday 27
        ledger.at(Instant.parse("2027-01-20T09:00:00Z"));
        ledger.approveLevel(hrFirst, 1, Approver.HR, id("hr"), null, Approver.MANAGER);
        awaitCaughtUp(ALL);
        String maxList = "/api/managers/" + max + "/pending-approvals";

        clock.set(Instant.parse("2027-01-20T23:59:00Z"));
        assertThat(pending(maxList, max)).isEmpty();
        assertThat(get("/api/leave-requests/" + saraRequest, token(max, "MANAGER")).getStatusCode().value())
                .isEqualTo(403);
        clock.set(Instant.parse("2027-01-21T00:00:00Z"));
        assertThat(pending(maxList, max)).containsExactly(saraRequest + " escalated from " + mia);
        assertThat(get("/api/leave-requests/" + saraRequest, token(max, "MANAGER")).getStatusCode().value())
                .isEqualTo(200);
        clock.set(Instant.parse("2027-01-22T08:00:00Z"));
        assertThat(pending(maxList, max)).containsExactlyInAnyOrder(eliRequest + " escalated from " + mia,
                saraRequest + " escalated from " + mia);
        clock.set(Instant.parse("2027-01-26T08:00:00Z"));
        assertThat(pending(maxList, max)).containsExactlyInAnyOrder(eliRequest + " escalated from " + mia,
                saraRequest + " escalated from " + mia, patRequest + " escalated from " + mia);
        clock.set(Instant.parse("2027-01-27T08:00:00Z"));
        List<String> escalated = pending(maxList, max);
        assertThat(escalated).hasSize(4).contains(hrFirst + " escalated from " + mia)
                .noneMatch(line -> line.startsWith(atHr));
        // one page of two of the four, the total counted with the escalated ones
        JsonNode page = get(maxList + "?size=2", token(max, "MANAGER")).getBody();
        assertThat(page.path("totalItems").asInt()).isEqualTo(4);
        assertThat(page.path("items")).hasSize(2);
        // the manager's own list holds them all, not as escalated
        assertThat(pending("/api/managers/" + mia + "/pending-approvals", mia)).containsExactlyInAnyOrder(
                eliRequest + " direct", saraRequest + " direct", patRequest + " direct", hrFirst + " direct");

        ledger.approve(saraRequest, max, mia);
        awaitCaughtUp(ALL);
        assertThat(pending(maxList, max)).hasSize(3).noneMatch(line -> line.startsWith(saraRequest));
    }

    @Test
    void aDelegatesListHoldsTheDelegatorsRequestsOnTheDaysOfTheDelegationOnly() {
        String dan = id("dan");
        ledger.register(dan, max);
        String delegation = ledger.delegate(mia, dan, LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 3));
        ledger.at(Instant.parse("2027-01-29T10:00:00Z"));
        String request = submit(eli, LocalDate.of(2027, 6, 7), MANAGER);
        awaitCaughtUp(ALL);
        String danList = "/api/managers/" + dan + "/pending-approvals";

        clock.set(Instant.parse("2027-01-31T23:00:00Z"));
        assertThat(pending(danList, dan)).isEmpty();
        clock.set(Instant.parse("2027-02-01T00:30:00Z"));
        assertThat(pending(danList, dan)).containsExactly(request + " direct");
        assertThat(get("/api/leave-requests/" + request, token(dan, "MANAGER")).getStatusCode().value())
                .isEqualTo(200);
        clock.set(Instant.parse("2027-02-03T23:59:00Z"));
        assertThat(pending(danList, dan)).containsExactly(request + " direct");
        clock.set(Instant.parse("2027-02-04T00:00:00Z"));
        assertThat(pending(danList, dan)).isEmpty();

        clock.set(Instant.parse("2027-02-02T12:00:00Z"));
        ledger.revokeDelegation(mia, delegation);
        awaitCaughtUp(ALL);
        assertThat(pending(danList, dan)).isEmpty();
    }

    @Test
    void theTeamCalendarLaysLeaveOverEachEmployeesOwnWeek() {
        // pat: Monday to Thursday from April, full time from September, then Monday to Wednesday from June, which
        // replaces the change from September
        partTime(pat, LocalDate.of(2027, 4, 1), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY);
        partTime(pat, LocalDate.of(2027, 9, 1));
        partTime(pat, LocalDate.of(2027, 6, 1), DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY);
        // Riyadh: Sunday 10 – Saturday 16 October 2027 is Sunday to Thursday; Berlin: Monday 11 – Friday 15
        String saraLeave = ledger.submit(sara, mia, LeaveType.ANNUAL, LocalDate.of(2027, 10, 10),
                LocalDate.of(2027, 10, 16), "5.0");
        ledger.approve(saraLeave, mia);
        ledger.submit(eli, mia, LeaveType.ANNUAL, LocalDate.of(2027, 10, 10), LocalDate.of(2027, 10, 16), "5.0");
        ledger.submit(pat, mia, LeaveType.ANNUAL, LocalDate.of(2027, 10, 11), LocalDate.of(2027, 10, 17), "3.0");
        awaitCaughtUp(ALL);

        JsonNode days = get("/api/team-calendar?managerId=" + mia + "&from=2027-10-10&to=2027-10-16",
                token(mia, "MANAGER")).getBody().path("days");
        assertThat(days).hasSize(7);
        assertThat(off(days, "2027-10-10")).containsExactly(sara);                   // Sunday
        assertThat(off(days, "2027-10-11")).containsExactlyInAnyOrder(sara, eli, pat); // Monday
        assertThat(off(days, "2027-10-13")).containsExactlyInAnyOrder(sara, eli, pat); // Wednesday
        assertThat(off(days, "2027-10-14")).containsExactlyInAnyOrder(sara, eli);      // Thursday: not pat's day
        assertThat(off(days, "2027-10-15")).containsExactly(eli);                      // Friday: Riyadh's weekend
        assertThat(off(days, "2027-10-16")).isEmpty();
        assertThat(notWorking(days, "2027-10-10")).containsExactlyInAnyOrder(eli + " WEEKEND", pat + " PART_TIME");
        assertThat(notWorking(days, "2027-10-14")).containsExactly(pat + " PART_TIME");
        assertThat(notWorking(days, "2027-10-15")).containsExactlyInAnyOrder(sara + " WEEKEND", pat + " PART_TIME");
        assertThat(notWorking(days, "2027-10-16")).containsExactlyInAnyOrder(eli + " WEEKEND", sara + " WEEKEND",
                pat + " PART_TIME");

        JsonNode unity = get("/api/team-calendar?managerId=" + mia + "&from=2027-10-01&to=2027-10-04",
                token(mia, "MANAGER")).getBody().path("days");
        // Sunday 3 October 2027, German Unity Day: Berlin's holiday, a working Sunday in Riyadh
        assertThat(notWorking(unity, "2027-10-03")).containsExactlyInAnyOrder(eli + " PUBLIC_HOLIDAY",
                pat + " PUBLIC_HOLIDAY");
    }

    private void partTime(String employee, LocalDate from, DayOfWeek... days) {
        ledger.publish("Employee", employee, new WorkingPatternChangedEvent(EmployeeId.of(employee), from,
                List.of(days)), "hr");
    }

    private String submit(String employee, LocalDate start, List<Approver> approvals) {
        return ledger.submit(employee, mia, LeaveType.ANNUAL, start, start.plusDays(1), false, false, "2.0", "trip",
                approvals);
    }

    /** The pending list as "id escalated from m" or "id direct". */
    private List<String> pending(String path, String manager) {
        ResponseEntity<JsonNode> answer = get(path, token(manager, "MANAGER"));
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        answer.getBody().path("items").forEach(item -> lines.add(item.path("leaveRequestId").asText()
                + (item.path("escalated").asBoolean() ? " escalated from " + item.path("escalatedFrom").asText()
                : " direct")));
        return lines;
    }

    private static JsonNode day(JsonNode days, String date) {
        for (JsonNode day : days) {
            if (day.path("date").asText().equals(date)) {
                return day;
            }
        }
        throw new AssertionError("no day " + date + " in " + days);
    }

    private static List<String> off(JsonNode days, String date) {
        List<String> off = new ArrayList<>();
        day(days, date).path("off").forEach(absence -> off.add(absence.path("employeeId").asText()));
        return off;
    }

    private static List<String> notWorking(JsonNode days, String date) {
        List<String> names = new ArrayList<>();
        day(days, date).path("notWorking").forEach(member -> names.add(member.path("employeeId").asText() + " "
                + member.path("reason").asText()));
        return names;
    }
}
