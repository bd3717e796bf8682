package com.leaveledger.query.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.leaveledger.support.logging.CorrelationIdLogContext;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class QuerySideApplicationIT extends QuerySideIT {

    @Test
    void reportsHealthyAgainstRealPostgres() {
        ResponseEntity<JsonNode> health = http.getForEntity("/actuator/health", JsonNode.class);

        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void publishesOpenApiDocumentAsJson() {
        ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue());
        assertThat(docs.getBody().path("openapi").asText()).startsWith("3.");
        assertThat(docs.getBody().path("info").path("title").asText()).isEqualTo("Leave Ledger query side");
        assertThat(docs.getBody().path("paths").has("/api/audit/export")).isTrue();
        assertThat(docs.getBody().path("paths").has("/admin/projections/{name}/replay")).isTrue();
    }

    @Test
    void everyProjectionPutsTheEventsCorrelationIdIntoTheLogContext() {
        for (String projection : ALL) {
            assertThat(processing.interceptorsFor(projection)).as(projection)
                    .hasAtLeastOneElementOfType(CorrelationIdLogContext.class);
        }
    }

    @Test
    void migratesItsOwnSchema() {
        String owner = jdbc.queryForObject("select service from query_side.service_info", String.class);

        assertThat(owner).isEqualTo("query-side");
    }

    @Test
    void answersWithoutTokenWith401ProblemJson() {
        ResponseEntity<JsonNode> answer = get("/api/employees/x/balances", null);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getBody().path("rule").asText()).isEqualTo("unauthenticated");
    }
}
