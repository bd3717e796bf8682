package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.testing.RawHttp;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 23 on the query side: query parameters and tokens refused at the edge with a problem naming the field, never
 * a 500 (the audit's instants, its filters, the export's window were 500s).
 */
class QueryEdgeIT extends QuerySideIT {

    @Value("${ledger.jwt.secret}")
    private String secret;

    @Test
    void instantsDatesAndYearsOutsideSaneBoundsAreRefusedNamingTheParameter() throws IOException {
        String auditor = "Authorization: Bearer " + token(id("auditor"), "COMPLIANCE");
        String hr = "Authorization: Bearer " + token(id("hr"), "HR");
        String maxInstant = "%2B1000000000-12-31T23:59:59.999999999Z";
        expectInvalid(raw("/api/audit/employees/eli/balances?asOf=" + maxInstant, auditor), "asOf");
        expectInvalid(raw("/api/audit/employees/eli/leave-requests?asOf=" + maxInstant, auditor), "asOf");
        expectInvalid(raw("/api/audit/leave-requests/r1/state?asOf=1899-12-31T23:59:59Z", auditor), "asOf");
        expectInvalid(raw("/api/audit/employees/eli?to=" + maxInstant, auditor), "to");
        expectInvalid(raw("/api/audit/employees/eli?from=1899-12-31T23:59:59Z", auditor), "from");
        RawHttp.Answer export = raw("/api/audit/export?format=ndjson&to=" + maxInstant, auditor);
        expectInvalid(export, "to");
        expectInvalid(raw("/api/team-calendar?managerId=mia&from=%2B999999999-12-31&to=%2B999999999-12-31", hr),
                "from");
        expectInvalid(raw("/api/employees/eli/balances?year=0x7E3", hr), "year");
        expectInvalid(raw("/api/employees/eli/balances?year=3000", hr), "year");
        expectInvalid(raw("/api/employees/eli/leave-requests?page=0x1", hr), "page");
        expectInvalid(raw("/api/employees/eli/leave-requests?status=APPROVED%20", hr), "status");
        assertThat(raw("/api/employees/eli/balances?year=2031", hr).head()).startsWith("HTTP/1.1 200");
    }

    @Test
    void textFiltersRefuseControlCharacters() throws IOException {
        String auditor = "Authorization: Bearer " + token(id("auditor"), "COMPLIANCE");
        expectInvalid(raw("/api/audit/employees/eli?actor=a%00b", auditor), "actor");
        expectInvalid(raw("/api/audit/employees/eli?type=Leave%0ARequested", auditor), "type");
        expectInvalid(raw("/api/audit/employees/eli?actor=" + "a".repeat(201), auditor), "actor");
        assertThat(raw("/api/audit/employees/eli?actor=Zo%C3%AB", auditor).head()).startsWith("HTTP/1.1 200");
        // a query string Tomcat cannot decode (it drops the parameter): no failure of the firewall reading parameters
        for (String query : List.of("actor=%zz", "actor=%", "%zz=1", "actor=%C3")) {
            assertThat(raw("/api/audit/employees/eli?" + query, auditor).head()).as(query).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void tokensWithoutSubjectExpiryOrKnownRolesAre401() throws IOException {
        for (Map.Entry<String, JWTClaimsSet.Builder> broken : Map.of(
                "sub", claims().subject(null),
                "exp", claims().expirationTime(null),
                "roles", claims().claim("roles", List.of(List.of("HR")))).entrySet()) {
            String token = RawHttp.sign(secret, broken.getValue());
            RawHttp.Answer answer = raw("/api/employees/eli/balances?year=2031", "Authorization: Bearer " + token)
                    .expect(401, "unauthenticated");
            assertThat(answer.field()).isEqualTo(broken.getKey());
        }
    }

    @Test
    void everyOtherRefusalIsAProblemToo() throws IOException {
        String hr = "Authorization: Bearer " + token(id("hr"), "HR");
        raw("/error", "").expect(404, "not-found");
        raw("/api/employees/eli/balances;x=1", hr).expect(400, "malformed-request");
        raw("//api/employees/eli/balances", hr).expect(400, "malformed-request");
        RawHttp.exchange(port, "TRACE", "/api/employees/eli/balances", hr, null).expect(405, "method-not-allowed");
        RawHttp.exchange(port, "DELETE", "/api/employees/eli/balances", hr, null).expect(405, "method-not-allowed");
        RawHttp.exchange(port, "GET", "/api/employees/eli/balances", hr + "\r\nX-Correlation-Id: \u0085", null)
                .expect(400, "invalid-request");
        String engineer = "Authorization: Bearer " + token(id("eng"), "ENGINEER");
        RawHttp.exchange(port, "POST", "/admin/projections/balances/replay", engineer
                + "\r\nContent-Type: application/json", new byte[65 * 1024]).expect(413, "content-too-large");
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().subject(id("hr")).claim("roles", List.of("HR")).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)));
    }

    private RawHttp.Answer raw(String target, String headers) throws IOException {
        return RawHttp.exchange(port, "GET", target, headers, null);
    }

    private static void expectInvalid(RawHttp.Answer answer, String field) {
        answer.expect(400, "invalid-request");
        assertThat(answer.field()).as(String.valueOf(answer.json())).isEqualTo(field);
    }
}
