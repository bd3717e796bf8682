package com.leaveledger.notification.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.testing.RawHttp;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Issue 23 on the notification saga: refusals at the edge are problems naming the field, never a 500. */
class SagaEdgeIT extends NotificationSagaIT {

    @Value("${ledger.jwt.secret}")
    private String secret;

    @Test
    void parametersRefuseControlCharactersAndLengthNamingTheField() throws IOException {
        String compliance = "Authorization: Bearer " + token(id("c"), "COMPLIANCE");
        expectInvalid(get("/api/notifications?leaveRequestId=a%00b", compliance), "leaveRequestId");
        expectInvalid(get("/api/notifications?leaveRequestId=" + "a".repeat(65), compliance), "leaveRequestId");
        get("/api/notifications?leaveRequestId=" + UUID.randomUUID(), compliance).expect(404, "not-found");
        expectInvalid(get("/api/notifications/as-of?leaveRequestId=r&asOf=1899-12-31T23:59:59Z", compliance), "asOf");
        expectInvalid(get("/api/notifications/as-of?leaveRequestId=a%00b", compliance), "leaveRequestId");
        String engineer = "Authorization: Bearer " + token(id("eng"), "ENGINEER");
        expectInvalid(RawHttp.exchange(port, "DELETE", "/admin/dead-letters/" + UUID.randomUUID() + "?reason=a%00b",
                engineer, null), "reason");
        expectInvalid(get("/admin/dead-letters?limit=0x10", engineer), "limit");
        String directoryLetters = "/admin/processors/employee-directory/dead-letters";
        expectInvalid(get(directoryLetters + "?limit=0", engineer), "limit");
        expectInvalid(get(directoryLetters + "?limit=1001", engineer), "limit");
        expectInvalid(get(directoryLetters + "?offset=-1", engineer), "offset");
        expectInvalid(get("/admin/processors/" + "a".repeat(101) + "/dead-letters", engineer), "name");
        get("/admin/processors/Employee-directory/dead-letters", engineer).expect(404, "unknown-processor");
        RawHttp.exchange(port, "POST", "/admin/processors/nothing/dead-letters/retry", engineer, null)
                .expect(404, "unknown-processor");
        get(directoryLetters, compliance).expect(403, "missing-role");
    }

    @Test
    void tokensWithoutExpiryOrWithUnknownRolesAre401() throws IOException {
        String noExpiry = RawHttp.sign(secret, new JWTClaimsSet.Builder().subject(id("c"))
                .claim("roles", List.of("COMPLIANCE")).issueTime(new Date()));
        assertThat(get("/api/notifications?leaveRequestId=x", "Authorization: Bearer " + noExpiry)
                .expect(401, "unauthenticated").field()).isEqualTo("exp");
        String unknownRole = RawHttp.sign(secret, new JWTClaimsSet.Builder().subject(id("c"))
                .claim("roles", List.of("COMPLIANCE", "ROOT")).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600))));
        assertThat(get("/api/notifications?leaveRequestId=x", "Authorization: Bearer " + unknownRole)
                .expect(401, "unauthenticated").field()).isEqualTo("roles");
    }

    @Test
    void everyOtherRefusalIsAProblemToo() throws IOException {
        String compliance = "Authorization: Bearer " + token(id("c"), "COMPLIANCE");
        get("/error", "").expect(404, "not-found");
        get("/api/notifications;x=1?leaveRequestId=x", compliance).expect(400, "malformed-request");
        RawHttp.exchange(port, "TRACE", "/api/notifications", compliance, null).expect(405, "method-not-allowed");
        RawHttp.exchange(port, "PUT", "/api/notifications?leaveRequestId=x", compliance
                + "\r\nContent-Type: application/json", "{}".getBytes()).expect(405, "method-not-allowed");
        RawHttp.exchange(port, "GET", "/api/notifications?leaveRequestId=x", compliance + "\r\nIdempotency-Key: k\u0080",
                null).expect(400, "invalid-request");
    }

    private RawHttp.Answer get(String target, String headers) throws IOException {
        return RawHttp.exchange(port, "GET", target, headers, null);
    }

    private static void expectInvalid(RawHttp.Answer answer, String field) {
        answer.expect(400, "invalid-request");
        assertThat(answer.field()).as(String.valueOf(answer.json())).isEqualTo(field);
    }
}
