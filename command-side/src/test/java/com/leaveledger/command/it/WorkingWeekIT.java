package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Part-time working days over HTTP: PUT /api/employees/{id}/working-days and the count that follows it. */
class WorkingWeekIT extends CommandSideIT {

    @Test
    void aPartTimeEmployeesWorkingDaysCountInThePreviewAndTheSubmitButNotInEarlierRequests() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2031, 25);
        // Mon 3 – Fri 7 March 2031, recorded full time: five days.
        assertThat(submit(employee, "ANNUAL", "2031-03-03", "2031-03-07").getStatusCode().value()).isEqualTo(202);

        ResponseEntity<JsonNode> changed = put("/api/employees/" + employee + "/working-days", token(hr, "HR"),
                Map.of("workingDays", List.of("WEDNESDAY", "MONDAY", "TUESDAY"), "effectiveFrom", "2031-03-10"));
        assertThat(changed.getStatusCode().value()).as(String.valueOf(changed.getBody())).isEqualTo(202);
        String payload = jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%WorkingPatternChangedEvent'", String.class,
                employee);
        assertThat(payload).contains("\"effectiveFrom\":\"2031-03-10\"",
                "\"workingDays\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\"]");

        String week = "/api/working-days?employeeId=" + employee + "&startDate=2031-03-10&endDate=2031-03-16";
        assertThat(get(week, token(employee, "EMPLOYEE")).getBody().get("workingDays").decimalValue())
                .isEqualByComparingTo("3");
        ResponseEntity<JsonNode> submitted = submit(employee, "ANNUAL", "2031-03-10", "2031-03-16");
        String requestId = submitted.getBody().get("leaveRequestId").asText();
        assertThat(jdbc.queryForObject("select convert_from(payload, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, requestId))
                .contains("\"workingDays\":3.0");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%DaysReservedEvent' and convert_from(payload, 'UTF8') like '%\"days\":5.0%'",
                Integer.class, employee + ":ANNUAL:2031")).as("the full-time request keeps its five days").isEqualTo(1);
        expectProblem(get("/api/working-days?employeeId=" + employee + "&startDate=2031-03-13&endDate=2031-03-14",
                token(employee, "EMPLOYEE")), 422, "no-working-days");

        ResponseEntity<JsonNode> fullTime = put("/api/employees/" + employee + "/working-days", token(hr, "HR"),
                Map.of("workingDays", List.of(), "effectiveFrom", "2031-04-01"));
        assertThat(fullTime.getStatusCode().value()).isEqualTo(202);
        assertThat(get("/api/working-days?employeeId=" + employee + "&startDate=2031-04-21&endDate=2031-04-25",
                token(employee, "EMPLOYEE")).getBody().get("workingDays").decimalValue()).isEqualByComparingTo("5");
    }

    @Test
    void refusalsNameTheRuleAndRecordNothing() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        String path = "/api/employees/" + employee + "/working-days";
        int before = eventCount(run + "%");
        expectProblem(put(path, token(hr, "HR"), Map.of("workingDays", List.of("MONDAY", "MONDAY"),
                "effectiveFrom", "2031-03-10")), 400, "duplicate-working-day");
        expectProblem(put(path, token(hr, "HR"), Map.of("workingDays", List.of("FUNDAY"),
                "effectiveFrom", "2031-03-10")), 400, "invalid-request");
        expectProblem(put(path, token(hr, "HR"), Map.of("workingDays", List.of("MONDAY"))), 400, "invalid-request");
        expectProblem(put("/api/employees/" + id("nobody") + "/working-days", token(hr, "HR"),
                Map.of("workingDays", List.of("MONDAY"), "effectiveFrom", "2031-03-10")), 404, "employee-not-found");
        expectProblem(put(path, token(employee, "EMPLOYEE", "MANAGER"),
                Map.of("workingDays", List.of("MONDAY"), "effectiveFrom", "2031-03-10")), 403, "missing-role");
        assertThat(eventCount(run + "%")).isEqualTo(before);
    }

    private ResponseEntity<JsonNode> put(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.PUT, new HttpEntity<>(body, headers), JsonNode.class);
    }

    private ResponseEntity<JsonNode> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }

    private static void expectProblem(ResponseEntity<JsonNode> answer, int status, String rule) {
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        assertThat(answer.getBody().get("rule").asText()).isEqualTo(rule);
    }
}
