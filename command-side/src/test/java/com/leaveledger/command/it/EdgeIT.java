package com.leaveledger.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.support.testing.RawHttp;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 23: what a fuzzer sent is refused at the edge with a 400/401/405/413/415 problem naming the rule and the
 * field, never a 500, and a refused command appends nothing.
 */
class EdgeIT extends CommandSideIT {

    @Test
    void textFieldsRefuseControlCharactersAndProseKeepsLineBreaks() {
        String manager = id("m"), employee = id("e");
        registerTeam(manager, employee);
        grant(employee, "ANNUAL", 2031, 25);
        int before = eventCount(run + "%");
        String hrToken = token(hr, "HR"), eToken = token(employee, "EMPLOYEE");

        Map<String, Object> nul = employee(id("x"), null);
        nul.put("name", "a\u0000b");
        expectInvalid(post("/api/employees", hrToken, nul), "name");
        Map<String, Object> newline = employee(id("x"), null);
        newline.put("name", "a\nb");
        expectInvalid(post("/api/employees", hrToken, newline), "name");
        Map<String, Object> c1 = employee(id("x"), null);
        c1.put("pushToken", "tok\u0085");
        expectInvalid(post("/api/employees", hrToken, c1), "pushToken");
        Map<String, Object> nullChannel = employee(id("x"), null);
        nullChannel.put("notificationChannels", java.util.Arrays.asList((Object) null));
        expectInvalid(post("/api/employees", hrToken, nullChannel), "notificationChannels[0]");
        Map<String, Object> longName = employee(id("x"), null);
        longName.put("name", "n".repeat(201));
        expectInvalid(post("/api/employees", hrToken, longName), "name");

        expectInvalid(post("/api/leave-accounts/" + employee + "/ANNUAL/2031/entitlements", hrToken,
                Map.of("days", 3, "reason", "a\u0000b")), "reason");
        expectInvalid(submit(employee, Map.of("reason", "a\u0000b")), "reason");
        expectInvalid(submit(employee, Map.of("reason", "r".repeat(1001))), "reason");
        assertThat(eventCount(run + "%")).as("events after refused commands").isEqualTo(before);

        ResponseEntity<JsonNode> prose = submit(employee, Map.of("reason", "first line\r\nsecond line\twith a tab"));
        assertThat(prose.getStatusCode().value()).as(String.valueOf(prose.getBody())).isEqualTo(202);
        String requestId = prose.getBody().get("leaveRequestId").asText();
        expectInvalid(post("/api/leave-requests/" + requestId + "/approve", token(manager, "MANAGER"),
                Map.of("comment", "ok\u0000")), "comment");
        expectInvalid(post("/api/leave-requests/" + requestId + "/reject", token(manager, "MANAGER"),
                Map.of("reason", "no\u001b[31m")), "reason");
        assertThat(eventTypes(requestId)).containsExactly("LeaveRequestedEvent");
    }

    @Test
    void jsonIsReadStrictlyNamingTheField() {
        String employee = id("e");
        registerTeam(id("m"), employee);
        grant(employee, "ANNUAL", 2031, 25);
        int before = eventCount(run + "%");

        expectInvalid(submitJson(employee, "\"leaveType\":\"ANNUAL \""), "leaveType");
        expectInvalid(submitJson(employee, "\"leaveType\":0"), "leaveType");
        expectInvalid(submitJson(employee, "\"leaveType\":\"annual\""), "leaveType");
        expectInvalid(submitJson(employee, "\"halfDayStart\":\"true\""), "halfDayStart");
        expectInvalid(submitJson(employee, "\"halfDayEnd\":1"), "halfDayEnd");
        expectInvalid(submitJson(employee, "\"reason\":42"), "reason");
        expectInvalid(submitJson(employee, "\"startDate\":\"2031-02-30\""), "startDate");
        expectInvalid(submitJson(employee, "\"startDate\":\"+999999999-12-31\""), "startDate");
        expectInvalid(submitJson(employee, "\"endDate\":\"1999-12-31\""), "endDate");
        expectInvalid(submitJson(employee, "\"priority\":\"high\""), "priority");
        ResponseEntity<JsonNode> trailing = postJson("/api/leave-requests", token(employee, "EMPLOYEE"),
                submitBody(employee, "\"reason\":\"x\"") + " garbage");
        assertProblem(trailing, 400, "malformed-request");
        assertProblem(postJson("/api/leave-requests", token(employee, "EMPLOYEE"),
                submitBody(employee, "\"reason\":\"x\",\"reason\":\"y\"")), 400, "malformed-request");
        expectInvalid(postJson("/api/leave-accounts/" + employee + "/ANNUAL/2031/adjustments", token(hr, "HR"),
                "{\"days\":1e999999999,\"reason\":\"typo\"}"), "days");
        expectInvalid(postJson("/api/leave-accounts/" + employee + "/ANNUAL/2031/adjustments", token(hr, "HR"),
                "{\"days\":\"1\",\"reason\":\"typo\"}"), "days");
        expectInvalid(postJson("/api/leave-accounts/" + employee + "/ANNUAL/2031/entitlements", token(hr, "HR"),
                "{\"days\":1,\"expiresOn\":\"2999-01-01\"}"), "expiresOn");
        assertThat(eventCount(run + "%")).as("events after refused commands").isEqualTo(before);
    }

    @Test
    void theYearOfAnAccountIsADecimalWithinTheLedgersYears() {
        String employee = id("e");
        registerTeam(id("m"), employee);
        int before = eventCount(run + "%");
        for (String year : List.of("0x7E3", "+2031", "2031.0", "1999", "2101", "99999999999")) {
            expectInvalid(post("/api/leave-accounts/" + employee + "/ANNUAL/" + year + "/entitlements",
                    token(hr, "HR"), Map.of("days", 1)), "year");
        }
        // a URI as it is (TestRestTemplate would encode the % of a template)
        expectInvalid(http.exchange(java.net.URI.create(http.getRootUri() + "/api/leave-accounts/" + employee
                + "/ANNUAL%20/2031/entitlements"), HttpMethod.POST, new HttpEntity<>("{\"days\":1}",
                jsonHeaders(token(hr, "HR"))), JsonNode.class), "leaveType");
        assertThat(eventCount(run + "%")).isEqualTo(before);
    }

    @Test
    void tokensAreCheckedAsASecurityTeamWould() {
        String employee = id("e");
        registerTeam(id("m"), employee);
        int before = eventCount(run + "%");
        Map<String, Object> newEmployee = employee(id("x"), null);
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> broken = Map.of(
                "sub", b -> b.subject(null),
                "sub ", b -> b.subject(""),
                "exp", b -> b.expirationTime(null),
                "exp ", b -> b.expirationTime(Date.from(Instant.now().plusSeconds(25 * 3600))),
                "roles", b -> b.claim("roles", List.of(List.of("HR"))),
                "roles ", b -> b.claim("roles", List.of("HR", "ROOT")),
                "roles  ", b -> b.claim("roles", "HR"));
        broken.forEach((claim, change) -> {
            String token = sign(change.apply(new JWTClaimsSet.Builder().subject(hr).claim("roles", List.of("HR"))
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))));
            ResponseEntity<JsonNode> answer = post("/api/employees", token, newEmployee);
            assertProblem(answer, 401, "unauthenticated");
            assertThat(answer.getBody().at("/errors/0/field").asText()).as(claim).isEqualTo(claim.strip());
        });
        // the 8-hour tokens of scripts/mint-token still work
        String eightHours = sign(new JWTClaimsSet.Builder().subject(hr).claim("roles", List.of("HR"))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(8 * 3600))));
        assertThat(eventCount(run + "%")).as("nothing recorded for a refused token").isEqualTo(before);
        assertThat(post("/api/employees", eightHours, newEmployee).getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void headersWeReadAreVisibleAscii() throws IOException {
        String employee = id("e");
        registerTeam(id("m"), employee);
        grant(employee, "ANNUAL", 2031, 25);
        int before = eventCount(run + "%");
        String body = submitBody(employee, "\"reason\":\"x\"");
        for (String header : List.of("X-Correlation-Id: corr\u0085", "Idempotency-Key: key\u0080",
                "Idempotency-Key: kéy", "X-Correlation-Id: \u009f")) {
            RawHttp.Answer answer = raw("POST", "/api/leave-requests", "Authorization: Bearer " + token(employee, "EMPLOYEE")
                    + "\r\n" + header + "\r\nContent-Type: application/json", body.getBytes(StandardCharsets.UTF_8));
            answer.expect(400, "invalid-request");
            assertThat(answer.field()).isEqualTo(header.substring(0, header.indexOf(':')));
        }
        raw("POST", "/api/leave-requests", "Authorization: Bearer \u0080" + token(employee, "EMPLOYEE")
                + "\r\nContent-Type: application/json", body.getBytes(StandardCharsets.UTF_8))
                .expect(400, "invalid-request");
        assertThat(eventCount(run + "%")).isEqualTo(before);
    }

    @Test
    void whatTheFirewallRefusesIsAProblemToo() throws IOException {
        for (String path : List.of("/api/employees;x=1", "//api/employees", "/api/x/../employees",
                "/api/%2e%2e/employees", "/api/employees%0d%0aX-Injected:%201", "/api/employees%00")) {
            raw("POST", path, "Content-Type: application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .expect(400, "malformed-request");
        }
        for (String method : List.of("TRACE", "PROPFIND", "FOO")) {
            RawHttp.Answer answer = raw(method, "/api/employees", "Authorization: Bearer " + token(hr, "HR"), null);
            answer.expect(405, "method-not-allowed");
            assertThat(answer.head()).containsIgnoringCase("Allow: DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
        }
        // Tomcat answers CONNECT itself
        raw("CONNECT", "/api/employees", "Authorization: Bearer " + token(hr, "HR"), null)
                .expect(501, "not-implemented");
        assertProblem(http.exchange("/api/employees", HttpMethod.PUT, new HttpEntity<>("{}", jsonHeaders(token(hr,
                "HR"))), JsonNode.class), 405, "method-not-allowed");
        assertProblem(http.exchange("/api/nothing-here", HttpMethod.GET, new HttpEntity<>(jsonHeaders(token(hr,
                "HR"))), JsonNode.class), 404, "not-found");
        assertProblem(http.getForEntity("/error", JsonNode.class), 404, "not-found");
    }

    @Test
    void bodiesAboveTheLimitAre413AndOtherMediaTypes415() throws IOException {
        String employee = id("e");
        registerTeam(id("m"), employee);
        int before = eventCount(run + "%");
        String big = submitBody(employee, "\"reason\":\"" + "x".repeat(70 * 1024) + "\"");
        assertProblem(postJson("/api/leave-requests", token(employee, "EMPLOYEE"), big), 413, "content-too-large");
        // chunked: no Content-Length to go by, counted while it is read
        RawHttp.Answer chunked = raw("POST", "/api/leave-requests", "Authorization: Bearer " + token(employee, "EMPLOYEE")
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked", RawHttp.chunked(big));
        chunked.expect(413, "content-too-large");

        HttpHeaders text = jsonHeaders(token(employee, "EMPLOYEE"));
        text.setContentType(MediaType.TEXT_PLAIN);
        assertProblem(http.exchange("/api/leave-requests", HttpMethod.POST, new HttpEntity<>(
                submitBody(employee, "\"reason\":\"x\""), text), JsonNode.class), 415, "unsupported-media-type");
        assertThat(eventCount(run + "%")).isEqualTo(before);
    }

    private ResponseEntity<JsonNode> submit(String employee, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("employeeId", employee, "leaveType", "ANNUAL",
                "startDate", "2031-03-03", "endDate", "2031-03-04"));
        body.putAll(extra);
        return post("/api/leave-requests", token(employee, "EMPLOYEE"), body);
    }

    private ResponseEntity<JsonNode> submitJson(String employee, String member) {
        return postJson("/api/leave-requests", token(employee, "EMPLOYEE"), submitBody(employee, member));
    }

    /** A submit body with {@code member} last (a later duplicate of a key replaces nothing: it is refused). */
    private static String submitBody(String employee, String member) {
        String base = "\"employeeId\":\"" + employee + "\",\"leaveType\":\"ANNUAL\",\"startDate\":\"2031-03-03\","
                + "\"endDate\":\"2031-03-04\"";
        for (String key : List.of("leaveType", "startDate", "endDate")) {
            if (member.startsWith("\"" + key + "\"")) {
                base = base.replaceAll("\"" + key + "\":\"[^\"]*\"", member);
                return "{" + base + "}";
            }
        }
        return "{" + base + "," + member + "}";
    }

    private ResponseEntity<JsonNode> postJson(String path, String token, String json) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(json, jsonHeaders(token)), JsonNode.class);
    }

    private static HttpHeaders jsonHeaders(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return headers;
    }

    private static void expectInvalid(ResponseEntity<JsonNode> answer, String field) {
        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.getBody().get("errors")).as(String.valueOf(answer.getBody())).isNotNull();
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).as(String.valueOf(answer.getBody()))
                .contains(field);
    }

    private RawHttp.Answer raw(String method, String target, String headers, byte[] body) throws IOException {
        return RawHttp.exchange(port, method, target, headers, body);
    }
}
