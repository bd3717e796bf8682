package com.leaveledger.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the three services' integration-test bases share: the running service over real HTTP, its real database,
 * its JSON mapper, a prefix that keeps each test's ids apart in a database the tests share, dev tokens signed with
 * the service's own secret, and the checks every service answers alike.
 */
public abstract class ServiceIT {

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;
    /** The service's port, for calls below what {@link #http} can send. */
    @LocalServerPort
    protected int port;
    @Value("${ledger.jwt.secret}")
    private String secret;

    protected final String run = "t" + UUID.randomUUID().toString().substring(0, 8);

    protected String id(String name) {
        return run + "-" + name;
    }

    /** A dev token for {@code subject} with these roles, valid for ten minutes. */
    protected String token(String subject, String... roles) {
        return sign(new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))));
    }

    /** A dev token with exactly these claims. */
    protected String sign(JWTClaimsSet.Builder claims) {
        return RawHttp.sign(secret, claims);
    }

    /** What {@code /actuator/prometheus} shows right now. */
    protected Scrape metrics() {
        ResponseEntity<String> answer = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return new Scrape(answer.getBody());
    }

    /** Asserts an RFC 9457 problem+json answer of {@code status} that names {@code rule}. */
    protected static void assertProblem(ResponseEntity<JsonNode> answer, int status, String rule) {
        assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type " + answer.getHeaders().getContentType()).isTrue();
        assertThat(answer.getBody().path("rule").asText()).as(answer.getHeaders() + " " + answer.getBody())
                .isEqualTo(rule);
        assertThat(answer.getBody().path("type").asText()).isEqualTo("urn:leave-ledger:problem:" + rule);
    }

    /** Asserts the service reports itself up, its real database included. */
    protected void assertHealthy() {
        ResponseEntity<JsonNode> health = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().path("status").asText()).isEqualTo("UP");
    }

    /** Asserts the service publishes an OpenAPI 3 document as JSON under {@code title}, and returns it. */
    protected JsonNode openApiDocument(String title) {
        ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
        assertThat(docs.getBody().path("openapi").asText()).startsWith("3.");
        assertThat(docs.getBody().path("info").path("title").asText()).isEqualTo(title);
        return docs.getBody();
    }
}
